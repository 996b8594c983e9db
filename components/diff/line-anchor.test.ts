import { describe, expect, it } from "vitest";
import { hashForClick, parseLineHash } from "./line-anchor";

describe("parseLineHash", () => {
  it("reads lines and ranges of either side, paths with dashes included", () => {
    expect(parseLineHash("#file-lib/a-b.js-R12")).toEqual({
      fileId: "file-lib/a-b.js",
      start: { side: "R", line: 12 },
      end: { side: "R", line: 12 },
    });
    expect(parseLineHash("#file-x.js-L3-R9")).toEqual({ fileId: "file-x.js", start: { side: "L", line: 3 }, end: { side: "R", line: 9 } });
    expect(parseLineHash("#file-a%20b.js-R1")?.fileId).toBe("file-a b.js");
  });

  it("ignores other hashes", () => {
    expect(parseLineHash("#file-lib/a.js")).toBeUndefined();
    expect(parseLineHash("#top")).toBeUndefined();
    expect(parseLineHash("#%E0%A4%A")).toBeUndefined();
  });
});

describe("hashForClick", () => {
  it("links one line, or a range with shift from the line selected in the same file", () => {
    expect(hashForClick("file-a.js", { side: "R", line: 5 }, false, "")).toBe("file-a.js-R5");
    expect(hashForClick("file-a.js", { side: "R", line: 9 }, true, "#file-a.js-R5")).toBe("file-a.js-R5-R9");
    expect(hashForClick("file-a.js", { side: "R", line: 9 }, true, "#file-b.js-R5")).toBe("file-a.js-R9");
  });
});
