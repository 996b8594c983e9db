import { describe, expect, it } from "vitest";
import { markRanges, wordChanges } from "./word-diff";

describe("wordChanges", () => {
  it("finds the changed words of a pair", () => {
    expect(wordChanges("return value * 1 + 1;", "return value * 2 + 2;")).toEqual({
      old: [
        [15, 16],
        [19, 20],
      ],
      new: [
        [15, 16],
        [19, 20],
      ],
    });
  });

  it("skips rewrites and very long lines", () => {
    expect(wordChanges("alpha beta gamma", "one two three four")).toBeUndefined();
    expect(wordChanges("x".repeat(600), `${"x".repeat(599)}y`)).toBeUndefined();
  });
});

describe("markRanges", () => {
  it("wraps ranges and keeps token spans well nested", () => {
    const html = '<span class="k">return</span> a &lt; b;';
    // "return a < b;": mark "rn a" (4..8) and "<" (9..10).
    expect(
      markRanges(html, [
        [4, 8],
        [9, 10],
      ], "ins"),
    ).toBe('<span class="k">retu<ins>rn</ins></span><ins> a</ins> <ins>&lt;</ins> b;');
  });

  it("leaves HTML alone without ranges and closes a range at the end", () => {
    expect(markRanges("abc", [], "del")).toBe("abc");
    expect(markRanges("abc", [[1, 3]], "del")).toBe("a<del>bc</del>");
  });
});
