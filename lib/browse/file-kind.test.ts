import { describe, expect, it } from "vitest";
import { describeBinary, imageType, looksMinified, prettyLanguage, rawContentType } from "./file-kind";

const bytes = (...b: number[]) => Uint8Array.from(b);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0);
const text = (s: string) => new TextEncoder().encode(s);

describe("imageType", () => {
  it("tells images by their magic bytes", () => {
    expect(imageType(PNG)).toBe("image/png");
    expect(imageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(imageType(text("GIF89a..."))).toBe("image/gif");
    expect(imageType(text("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(imageType(text("<svg onload=alert(1)>"))).toBeUndefined();
    expect(imageType(bytes(0x89, 0x50))).toBeUndefined();
  });
});

describe("rawContentType", () => {
  it("serves every text file as text/plain, whatever its name", () => {
    expect(rawContentType({ bytes: text("<svg/>"), binary: false })).toBe("text/plain; charset=utf-8");
    expect(rawContentType({ bytes: text("<html><script>"), binary: false })).toBe("text/plain; charset=utf-8");
  });
  it("serves safe images as themselves and other bytes as octet-stream", () => {
    expect(rawContentType({ bytes: PNG, binary: true })).toBe("image/png");
    expect(rawContentType({ bytes: bytes(0, 1, 2), binary: true })).toBe("application/octet-stream");
  });
});

describe("describeBinary / prettyLanguage / looksMinified", () => {
  it("describes binaries", () => {
    expect(describeBinary("a.png", PNG)).toBe("PNG image");
    expect(describeBinary("x.wasm", bytes(0, 0x61, 0x73, 0x6d))).toBe("WebAssembly module");
    expect(describeBinary("f.woff2", bytes(0, 1))).toBe("font");
    expect(describeBinary("blob", bytes(0, 1))).toBe("binary file");
  });
  it("knows which files it can pretty-print", () => {
    expect(prettyLanguage("dist/a.min.js")).toBe("js");
    expect(prettyLanguage("a.cjs")).toBe("js");
    expect(prettyLanguage("x.json")).toBe("json");
    expect(prettyLanguage("s.css")).toBe("css");
    expect(prettyLanguage("a.ts")).toBeUndefined();
  });
  it("spots minified text", () => {
    expect(looksMinified(["function a(){return 1};".repeat(500)])).toBe(true);
    expect(looksMinified(["x".repeat(6000), ...new Array(100).fill("y")])).toBe(true);
    expect(looksMinified(new Array(500).fill("const a = 1;"))).toBe(false);
    // A few long lines in a big ordinary file (as in typescript.js) are not minification.
    expect(looksMinified(["x".repeat(20_000), ...new Array(5_000).fill("const value = compute(a, b);")])).toBe(false);
    expect(looksMinified(["short"])).toBe(false);
  });
});
