import { describe, expect, it } from "vitest";
import type { FileDiff } from "../diff/types";
import { diffRows, hunkHeader } from "./diff-rows";

const file: FileDiff = {
  path: "a.js",
  status: "modified",
  binary: false,
  oldSize: 10,
  newSize: 10,
  additions: 1,
  deletions: 1,
  hunks: [{ oldStart: 3, oldLines: 3, newStart: 3, newLines: 3, lines: [" keep", "-old <b>", "+new", " tail", "\\ No newline at end of file"] }],
};

describe("diffRows", () => {
  it("numbers old and new lines and takes HTML from the highlighted sides", () => {
    const { rows, truncated } = diffRows(file, { new: ["n1", "n2", "KEEP", "NEW", "TAIL"] });
    expect(truncated).toBe(false);
    expect(rows).toEqual([
      { type: "hunk", header: "@@ -3,3 +3,3 @@" },
      { type: "line", kind: "context", oldLine: 3, newLine: 3, html: "KEEP" },
      { type: "line", kind: "del", oldLine: 4, html: "old &lt;b&gt;" },
      { type: "line", kind: "add", newLine: 4, html: "NEW" },
      { type: "line", kind: "context", oldLine: 5, newLine: 5, html: "TAIL" },
      { type: "no-newline" },
    ]);
  });

  it("stops at maxRows and says so", () => {
    const { rows, truncated } = diffRows(file, {}, 3);
    expect(rows).toHaveLength(3);
    expect(truncated).toBe(true);
  });
});

describe("hunkHeader", () => {
  it("leaves out counts of 1 as git does", () => {
    expect(hunkHeader(1, 1, 1, 2)).toBe("@@ -1 +1,2 @@");
    expect(hunkHeader(0, 0, 1, 3)).toBe("@@ -0,0 +1,3 @@");
  });
});
