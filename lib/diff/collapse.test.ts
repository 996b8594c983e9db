import { describe, expect, it } from "vitest";
import { collapseReason } from "./collapse";

const enc = (s: string) => new TextEncoder().encode(s);

describe("collapseReason", () => {
  it("collapses source maps and lock files by name", () => {
    expect(collapseReason("dist/index.js.map", enc("{}"))).toBe("source-map");
    expect(collapseReason("package-lock.json", enc("{}"))).toBe("lockfile");
    expect(collapseReason("sub/yarn.lock", enc(""))).toBe("lockfile");
  });

  it("collapses minified code by GitHub's line-length rule", () => {
    expect(collapseReason("a.js", enc(`${"x".repeat(2001)}\nshort\n`))).toBe("minified");
    expect(collapseReason("a.js", enc(`${"y".repeat(150)}\n`.repeat(20)))).toBe("minified");
  });

  it("leaves ordinary code alone", () => {
    expect(collapseReason("a.js", enc("const a = 1;\n".repeat(100)))).toBeUndefined();
    expect(collapseReason("a.js", enc(`${"z".repeat(1999)}\n${"short\n".repeat(40)}`))).toBeUndefined();
    expect(collapseReason("a.js", undefined)).toBeUndefined();
    expect(collapseReason("empty.js", enc(""))).toBeUndefined();
  });
});
