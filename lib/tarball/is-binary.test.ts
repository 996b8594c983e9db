import { describe, expect, it } from "vitest";
import { BINARY_SNIFF_BYTES, isBinary } from "./is-binary";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
/** `length` bytes of ASCII text followed by `tail`. */
const textThen = (length: number, tail: Uint8Array): Uint8Array => {
  const out = new Uint8Array(length + tail.length).fill(0x61);
  out.set(tail, length);
  return out;
};

describe("isBinary", () => {
  it("treats an empty file as text", () => {
    expect(isBinary(new Uint8Array(0))).toBe(false);
  });

  it("treats UTF-8 text as text, emoji, CJK and a BOM included", () => {
    expect(isBinary(utf8("export const x = 1;\n"))).toBe(false);
    expect(isBinary(utf8("\uFEFFcafé 👋 漢字 — ok\n"))).toBe(false);
  });

  it("treats a PNG as binary", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);
    expect(isBinary(png)).toBe(true);
    // Even the signature alone, which has no NUL: 0x89 is not UTF-8.
    expect(isBinary(png.subarray(0, 8))).toBe(true);
  });

  it("treats Latin-1 text as binary, because it is not UTF-8", () => {
    expect(isBinary(bytes(0x63, 0x61, 0x66, 0xe9))).toBe(true); // "café" in Latin-1
  });

  it("treats overlong encodings and UTF-16 surrogates as binary", () => {
    expect(isBinary(bytes(0x61, 0xc0, 0x80))).toBe(true);
    expect(isBinary(bytes(0x61, 0xed, 0xa0, 0x80))).toBe(true);
  });

  it("treats a NUL byte as binary only within the first 8000 bytes", () => {
    expect(BINARY_SNIFF_BYTES).toBe(8000);
    expect(isBinary(utf8("abc\0def"))).toBe(true);
    expect(isBinary(textThen(7999, bytes(0)))).toBe(true);
    expect(isBinary(textThen(8000, bytes(0)))).toBe(false);
  });

  it("looks for invalid UTF-8 only within the first 8000 bytes", () => {
    expect(isBinary(textThen(7999, bytes(0xff, 0x61)))).toBe(true);
    expect(isBinary(textThen(8000, bytes(0xff, 0x61)))).toBe(false);
  });

  it.each([
    ["a 4-byte emoji", "😀", [7997, 7998, 7999]],
    ["a 3-byte euro sign", "€", [7998, 7999]],
    ["a 2-byte é", "é", [7999]],
  ])("does not take %s cut by the 8000-byte boundary for invalid UTF-8", (_label, char, starts) => {
    for (const start of starts) {
      expect(isBinary(textThen(start, utf8(`${char}tail`)))).toBe(false);
    }
  });

  it("still judges a sequence that straddles the boundary", () => {
    // A 4-byte lead at 7999 followed by ASCII is invalid, boundary or not.
    expect(isBinary(textThen(7999, bytes(0xf0, 0x41, 0x41, 0x41)))).toBe(true);
  });

  it("treats a file that ends inside a multi-byte sequence as binary", () => {
    expect(isBinary(bytes(0x61, 0x62, 0xf0, 0x9f))).toBe(true);
    expect(isBinary(textThen(7999, bytes(0xf0, 0x9f)))).toBe(true);
  });
});
