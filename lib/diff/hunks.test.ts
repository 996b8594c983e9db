import { describe, expect, it } from "vitest";

import { NO_NEWLINE_MARKER, formatHunkHeader } from "./hunks";
import { diffTextBytes } from "./text-diff";

/** Hunks of two texts, as `git diff` would print them (headers and lines). */
function unified(oldText: string | undefined, newText: string | undefined, context?: number): string[] {
  const result = diffTextBytes(
    oldText === undefined ? undefined : Buffer.from(oldText),
    newText === undefined ? undefined : Buffer.from(newText),
    { context },
  );
  return result.hunks.flatMap((hunk) => [formatHunkHeader(hunk), ...hunk.lines]);
}

describe("hunks", () => {
  it("numbers a new file -0,0 +1,n", () => {
    expect(unified(undefined, "a\nb\n")).toEqual(["@@ -0,0 +1,2 @@", "+a", "+b"]);
  });

  it("numbers a deleted file -1,n +0,0", () => {
    expect(unified("a\nb\nc\n", undefined)).toEqual(["@@ -1,3 +0,0 @@", "-a", "-b", "-c"]);
  });

  it("omits the count of a one-line side", () => {
    expect(unified(undefined, "x\n")).toEqual(["@@ -0,0 +1 @@", "+x"]);
    expect(unified("x\n", "y\n")).toEqual(["@@ -1 +1 @@", "-x", "+y"]);
  });

  it("has no hunks for an empty file or an unchanged text", () => {
    expect(unified(undefined, "")).toEqual([]);
    expect(unified("", undefined)).toEqual([]);
    expect(unified("same\n", "same\n")).toEqual([]);
  });

  it("treats an emptied file as all deleted", () => {
    expect(unified("a\n", "")).toEqual(["@@ -1 +0,0 @@", "-a"]);
  });

  it("marks a new side without final newline", () => {
    expect(unified("a\nb\n", "a\nb")).toEqual(["@@ -1,2 +1,2 @@", " a", "-b", "+b", NO_NEWLINE_MARKER]);
  });

  it("marks an old side without final newline (the old last line shows as changed)", () => {
    expect(unified("a\nb", "a\nb\n")).toEqual(["@@ -1,2 +1,2 @@", " a", "-b", NO_NEWLINE_MARKER, "+b"]);
  });

  it("marks both sides without final newline", () => {
    expect(unified("a\nb", "a\nc")).toEqual([
      "@@ -1,2 +1,2 @@",
      " a",
      "-b",
      NO_NEWLINE_MARKER,
      "+c",
      NO_NEWLINE_MARKER,
    ]);
  });

  it("marks an unchanged last line without newline in the context", () => {
    expect(unified("a\nb\nc", "x\nb\nc")).toEqual(["@@ -1,3 +1,3 @@", "-a", "+x", " b", " c", NO_NEWLINE_MARKER]);
  });

  it("keeps CR in CRLF lines", () => {
    expect(unified("a\r\nb\r\n", "a\r\nc\r\n")).toEqual(["@@ -1,2 +1,2 @@", " a\r", "-b\r", "+c\r"]);
  });

  it("sees a CRLF to LF change as a change of every line", () => {
    expect(unified("a\r\nb\r\n", "a\nb\n")).toEqual(["@@ -1,2 +1,2 @@", "-a\r", "-b\r", "+a", "+b"]);
  });

  const lines = (from: number, to: number): string =>
    Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join("");

  it("uses 3 lines of context and counts from the first context line", () => {
    const before = lines(1, 20);
    const after = before.replace("line 10\n", "line ten\n");
    expect(unified(before, after)).toEqual([
      "@@ -7,7 +7,7 @@",
      " line 7",
      " line 8",
      " line 9",
      "-line 10",
      "+line ten",
      " line 11",
      " line 12",
      " line 13",
    ]);
  });

  it("merges changes whose contexts overlap or touch (gap <= 2 * context)", () => {
    const before = lines(1, 30);
    const gap6 = before.replace("line 5\n", "five\n").replace("line 12\n", "twelve\n");
    expect(unified(before, gap6).filter((l) => l.startsWith("@@"))).toEqual(["@@ -2,14 +2,14 @@"]);
    const gap7 = before.replace("line 5\n", "five\n").replace("line 13\n", "thirteen\n");
    expect(unified(before, gap7).filter((l) => l.startsWith("@@"))).toEqual(["@@ -2,7 +2,7 @@", "@@ -10,7 +10,7 @@"]);
  });

  it("shortens context at the ends of the file", () => {
    expect(unified("a\nb\nc\n", "x\nb\nc\n")).toEqual(["@@ -1,3 +1,3 @@", "-a", "+x", " b", " c"]);
    expect(unified("a\nb\nc\n", "a\nb\nx\n")).toEqual(["@@ -1,3 +1,3 @@", " a", " b", "-c", "+x"]);
  });

  it("numbers a pure insertion with no context from the line before it", () => {
    expect(unified("a\nb\n", "a\nnew\nb\n", 0)).toEqual(["@@ -1,0 +2 @@", "+new"]);
    expect(unified("a\nb\n", "new\na\nb\n", 0)).toEqual(["@@ -0,0 +1 @@", "+new"]);
    expect(unified("a\nb\nc\n", "a\nc\n", 0)).toEqual(["@@ -2 +1,0 @@", "-b"]);
  });

  it("counts additions and deletions", () => {
    const result = diffTextBytes(Buffer.from("a\nb\nc\nd\n"), Buffer.from("a\nB\nc\nD\nE\n"));
    expect(result.additions).toBe(3);
    expect(result.deletions).toBe(2);
  });
});
