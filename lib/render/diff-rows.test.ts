import { describe, expect, it } from "vitest";
import type { FileDiff } from "../diff/types";
import { diffRows, highlightRows, neededLines, pairChanges, rowCount, trailingGap } from "./diff-rows";

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
  it("numbers old and new lines, escaping text", () => {
    const rows = diffRows(file);
    expect(rows).toEqual([
      { type: "gap", oldStart: 1, newStart: 1, count: 2 },
      { type: "hunk", header: "@@ -3,3 +3,3 @@" },
      { type: "line", kind: "context", oldLine: 3, newLine: 3, text: "keep", html: "keep" },
      { type: "line", kind: "del", oldLine: 4, text: "old <b>", html: "old &lt;b&gt;" },
      { type: "line", kind: "add", newLine: 4, text: "new", html: "new" },
      { type: "line", kind: "context", oldLine: 5, newLine: 5, text: "tail", html: "tail" },
      { type: "no-newline" },
    ]);
    expect(rowCount(file)).toBe(rows.length);
  });

  it("says which lines of each side are shown, and takes their HTML from the highlighted sides", () => {
    const rows = diffRows(file);
    expect(neededLines(rows)).toEqual({ old: [{ start: 3, end: 3 }], new: [{ start: 2, end: 4 }] });
    const lit = highlightRows(rows, { old: [, , , "OLD"], new: [, , "KEEP", "NEW"] });
    expect(lit.filter((r) => r.type === "line").map((r) => (r.type === "line" ? r.html : ""))).toEqual(["KEEP", "OLD", "NEW", "tail"]);
  });
});

describe("gaps", () => {
  it("stands for unchanged lines between hunks and after the last one", () => {
    const twoHunks: FileDiff = {
      ...file,
      hunks: [
        { oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: ["-a", "+A", " b"] },
        { oldStart: 10, oldLines: 1, newStart: 10, newLines: 2, lines: [" j", "+k"] },
      ],
    };
    const rows = diffRows(twoHunks);
    expect(rows.filter((r) => r.type === "gap")).toEqual([{ type: "gap", oldStart: 3, newStart: 3, count: 7 }]);
    expect(rowCount(twoHunks)).toBe(rows.length);
    expect(trailingGap(twoHunks, 20)).toEqual({ type: "gap", oldStart: 11, newStart: 12, count: 9, trailing: true });
    expect(trailingGap(twoHunks, 11)).toBeUndefined();
  });
});

describe("pairChanges", () => {
  it("pairs runs of removed and added lines in order, leaving the rest alone", () => {
    const rows = diffRows({
      ...file,
      hunks: [{ oldStart: 1, oldLines: 3, newStart: 1, newLines: 2, lines: [" a", "-b", "-c", "+B", " d"] }],
    });
    const paired = pairChanges(rows);
    expect(paired).toHaveLength(5); // hunk, a, (b|B), (c|-), d
    expect(paired[2]).toMatchObject({ del: { text: "b" }, add: { text: "B" } });
    expect(paired[3]).toMatchObject({ del: { text: "c" } });
    expect((paired[3] as { add?: unknown }).add).toBeUndefined();
  });
});
