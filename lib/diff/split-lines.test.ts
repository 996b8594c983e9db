import { describe, expect, it } from "vitest";

import { splitLines } from "./split-lines";

describe("splitLines", () => {
  it("returns no lines for empty text", () => {
    expect(splitLines("")).toEqual({ lines: [], missingFinalNewline: false });
  });

  it("splits on LF and drops the final one", () => {
    expect(splitLines("a\nb\n")).toEqual({ lines: ["a", "b"], missingFinalNewline: false });
  });

  it("flags a last line without newline", () => {
    expect(splitLines("a\nb")).toEqual({ lines: ["a", "b"], missingFinalNewline: true });
    expect(splitLines("only")).toEqual({ lines: ["only"], missingFinalNewline: true });
  });

  it("keeps CR as line content, as git does", () => {
    expect(splitLines("a\r\nb\r\n")).toEqual({ lines: ["a\r", "b\r"], missingFinalNewline: false });
    expect(splitLines("a\rb\n")).toEqual({ lines: ["a\rb"], missingFinalNewline: false });
  });

  it("keeps empty lines", () => {
    expect(splitLines("\n")).toEqual({ lines: [""], missingFinalNewline: false });
    expect(splitLines("\n\nx")).toEqual({ lines: ["", "", "x"], missingFinalNewline: true });
  });
});
