import beautify from "js-beautify";
import { InputScanner } from "js-beautify/js/src/core/inputscanner.js";
import { describe, expect, it } from "vitest";
import { installStickyScanner } from "./beautify-scanner";

/** Minified CSS and JS with the things a scanner can get wrong: strings, comments, escapes, data URLs, regexes. */
const CSS = Array.from(
  { length: 40 },
  (_, i) => `.c${i}>a:not(.x),p[d="};{"]{color:#${i}ab;background:url(data:image/svg+xml;base64,PHN2Zz4=)}/*${i};}*/@media(min-width:${i}px){.m${i}{margin:0 \\;1px}}`,
).join("");
const JS = Array.from({ length: 40 }, (_, i) => `var v${i}=/[;{}\\/]+/g.test("${i};{}")?\`a\${b${i}}c\`:{k:${i}};// x\nif(v${i})/re/.test(y);`).join("");

describe("installStickyScanner", () => {
  it("gives js-beautify's output exactly, and is installed once", () => {
    // This file's module instances are fresh (Vitest isolates test files), so the first run is unpatched.
    const unpatched = InputScanner.prototype.__match;
    const before = [beautify.css(CSS), beautify.js(JS)];
    installStickyScanner();
    const patched = InputScanner.prototype.__match;
    expect(patched).not.toBe(unpatched);
    installStickyScanner();
    expect(InputScanner.prototype.__match).toBe(patched);
    expect([beautify.css(CSS), beautify.js(JS)]).toEqual(before);
  });

  it("answers a pattern only where it starts, like the original", () => {
    installStickyScanner();
    const scanner = new InputScanner("ab  cd");
    const spaces = /\s+/g;
    expect(scanner.__match(spaces, 0)).toBeNull(); // a space later on is no match here
    expect(scanner.__match(spaces, 2)?.[0]).toBe("  ");
    expect(scanner.__match(/cd/y, 4)?.[0]).toBe("cd");
  });
});
