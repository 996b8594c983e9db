import { describe, expect, it } from "vitest";
import { diffFile } from "../diff/file-diff";
import { serializeFilePatch } from "../diff/patch";
import { file } from "../diff/test-helpers";
import { DIFF_OPTIONS, editedPair, samplePairs } from "./test-fixtures";
import { packFile, unpackFile, writePatchSections } from "./worker-tasks";

describe("packFile / unpackFile", () => {
  it("gives back the same diff: blank and context lines, the no-newline marker, files without hunks", () => {
    const edited = editedPair("a.js", 3, 300, 12);
    const noNewline = diffFile(file("b.txt", "one\n\ntwo\nthree"), file("b.txt", "one\n\ntwo\nTHREE"), DIFF_OPTIONS)!;
    expect(noNewline.hunks!.at(-1)!.lines.at(-1)).toBe("\\ No newline at end of file");
    const emptied = diffFile(file("c.txt", "gone\n"), file("c.txt", ""), DIFF_OPTIONS)!;
    const diffs = [diffFile(edited.old, edited.new, DIFF_OPTIONS)!, noNewline, emptied, ...samplePairs().map((p) => diffFile(p.old, p.new, DIFF_OPTIONS))];
    for (const diff of diffs) {
      if (!diff) continue;
      const packed = packFile(diff);
      for (const hunk of packed.hunks ?? []) expect(hunk).not.toHaveProperty("lines");
      expect(unpackFile(structuredClone(packed)), diff.path).toEqual(diff);
    }
  });
});

describe("writePatchSections", () => {
  it("writes each diffed text pair's section as serializeFilePatch() does, and none for a file the patch must diff again", () => {
    const edited = editedPair("lib/a.js", 5, 3_000, 8);
    const pairs = [...samplePairs(), edited];
    const options = { ...DIFF_OPTIONS, maxFileBytes: 20_000 };
    const files = pairs.map((pair) => diffFile(pair.old, pair.new, options));
    expect(files.at(-1)?.skipped).toBe("too_large");
    const { bytes, ends } = writePatchSections(files, pairs, {});
    let start = 0;
    const text = (end: number) => Buffer.from(bytes.subarray(start, (start = end))).toString("utf8");
    files.forEach((diff, i) => {
      const end = ends[i]!;
      // Unchanged, too large (diffed again by the patch), binary (its literal is left to the patch's own tasks): not written.
      if (diff === null || diff.skipped === "too_large" || diff.binary) return expect(end, diff?.path).toBe(-1);
      const pair = pairs[i]!;
      const sides = { old: { entries: new Map(pair.old ? [[pair.old.path, pair.old]] : []), unpackedBytes: 0 }, new: { entries: new Map(pair.new ? [[pair.new.path, pair.new]] : []), unpackedBytes: 0 } };
      expect(text(end), diff.path).toBe(serializeFilePatch(diff, sides));
    });
    expect(start).toBe(bytes.byteLength);
    expect(files.some((f) => f?.binary)).toBe(true);
    // With whitespace left out of the hunks every text file is diffed again: none is written.
    const ignoring = writePatchSections(files, pairs, { ignoredWhitespace: true });
    expect(ignoring.ends.every((end) => end === -1)).toBe(true);
  });
});
