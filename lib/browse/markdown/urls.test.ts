import { describe, expect, it } from "vitest";
import { headingId, resolvePath, safeUrl } from "./urls";

const base = { name: "@s/p", version: "2.0.0", folder: "docs" };

describe("safeUrl", () => {
  it("keeps http(s)", () => {
    expect(safeUrl("https://example.com/a?b#c", base)).toEqual({ kind: "external", href: "https://example.com/a?b#c" });
    expect(safeUrl("HTTP://example.com", base)?.kind).toBe("external");
  });
  it("refuses other schemes and odd characters", () => {
    for (const url of ["javascript:alert(1)", " JAVASCRIPT:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "mailto:a@b", "//evil.example", "java\tscript:x", "a\\b", "https://", "http:x"]) {
      expect(safeUrl(url, base), url).toBeUndefined();
    }
  });
  it("loads external images over https only", () => {
    expect(safeUrl("https://img.example/b.svg", base, "image")).toEqual({ kind: "external", href: "https://img.example/b.svg" });
    expect(safeUrl("http://img.example/b.svg", base, "image")).toBeUndefined();
    expect(safeUrl("HTTP://img.example/b.svg", base, "image")).toBeUndefined();
    expect(safeUrl("http://img.example/b.svg", base)?.kind).toBe("external");
  });
  it("turns relative paths into browse (or raw image) URLs inside the package", () => {
    expect(safeUrl("api.md", base)).toEqual({ kind: "internal", href: "/browse/@s/p/2.0.0/docs/api.md", path: "docs/api.md" });
    expect(safeUrl("./a%20b.md?x=1#L3-L5", base)?.href).toBe("/browse/@s/p/2.0.0/docs/a%20b.md#L3-L5");
    expect(safeUrl("../img/x.png", base, "image")).toEqual({ kind: "raw", href: "/raw/@s/p/2.0.0/img/x.png", path: "img/x.png" });
    expect(safeUrl("../img/x.png", base)?.href).toBe("/browse/@s/p/2.0.0/img/x.png");
    expect(safeUrl("../img/x.svg", base, "image")).toEqual({ kind: "raw", href: "/raw/@s/p/2.0.0/img/x.svg?as=image", path: "img/x.svg" });
    expect(safeUrl("../img/x.svg", base)?.href).toBe("/browse/@s/p/2.0.0/img/x.svg");
    expect(safeUrl("../../../etc/passwd", base)).toBeUndefined();
    expect(safeUrl("#Some-Heading", base)?.href).toBe("#md-some-heading");
  });
});

describe("resolvePath and headingId", () => {
  it("resolves . and ..", () => {
    expect(resolvePath("a/b", "../c/./d.js")).toBe("a/c/d.js");
    expect(resolvePath("a", "/root.md")).toBe("root.md");
    expect(resolvePath("", "..")).toBeUndefined();
  });
  it("slugs headings like GitHub, prefixed", () => {
    expect(headingId("Getting Started!")).toBe("md-getting-started");
    expect(headingId("API: v2 (beta)")).toBe("md-api-v2-beta");
    expect(headingId('a"><b')).toBe("md-ab");
  });
});
