import { describe, expect, it } from "vitest";
import { serializePatch } from "../diff/patch";
import { file, symlink, tree } from "../diff/test-helpers";
import { diffTrees } from "../diff/tree-diff";
import type { FileDiff } from "../diff/types";
import type { PackageEntry } from "../tarball/types";
import { patchBatches, serializePatchBatch } from "./pooled-patch";
import { DIFF_OPTIONS, samplePairs, workerPoolForTests } from "./test-fixtures";

const pool = workerPoolForTests(1);

/** Every kind of pair diffFile() tells apart, a file that becomes a symlink, a rename and a file the viewer skipped. */
function trees() {
  const pairs = [
    ...samplePairs(),
    { old: file("swap", "a file, then a link\n"), new: symlink("swap", "README.md") },
    { old: file("old/name.js", "moved\nand\nedited\n"), new: file("new/name.js", "moved\nand\nchanged\n") },
    { old: file("skipped.js", "one\ntwo\n"), new: file("skipped.js", "one\n2\n") },
  ];
  const side = (key: "old" | "new") => pairs.map((pair) => pair[key]).filter((entry): entry is PackageEntry => entry !== undefined);
  return { old: tree(side("old")), new: tree(side("new")) };
}

/** The diff's files, with the move as one rename and skipped.js as the viewer leaves a file over its budget. */
function patchFiles(sides: ReturnType<typeof trees>): FileDiff[] {
  const { files } = diffTrees(sides.old, sides.new, DIFF_OPTIONS);
  const renamed = files.find((f) => f.path === "new/name.js")!;
  return files
    .filter((f) => f.path !== "old/name.js")
    .map((f) => (f === renamed ? { ...f, oldPath: "old/name.js", status: "renamed" as const } : f))
    .map((f) => (f.path === "skipped.js" ? { ...f, hunks: undefined, skipped: "budget" as const } : f));
}

describe("serializePatchBatch", () => {
  it("gives serializePatch()'s text, as UTF-8, from a worker: binaries, links, modes, renames and skipped files", async () => {
    const sides = trees();
    const files = patchFiles(sides);
    for (const options of [{}, { ignoredWhitespace: true }]) {
      const bytes = await serializePatchBatch(pool(), files, sides, options);
      expect(new TextDecoder().decode(bytes)).toBe(serializePatch(files, sides, options));
      expect(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength, "owns its buffer (moved, not copied)").toBe(true);
    }
  });

  it("leaves the caller's trees intact (only copies of the entries are moved)", async () => {
    const sides = trees();
    const files = patchFiles(sides);
    const before = serializePatch(files, sides);
    await serializePatchBatch(pool(), files, sides, {});
    expect(serializePatch(files, sides)).toBe(before);
  });
});

describe("patchBatches", () => {
  it("cuts the files in order by count or by the bytes they read", () => {
    const sides = trees();
    const files = patchFiles(sides);
    expect(patchBatches(files, sides, { batchFiles: 3 }).map((b) => b.files)).toEqual([files.slice(0, 3), files.slice(3, 6), files.slice(6, 9), files.slice(9)].filter((b) => b.length > 0));
    // A batch closes at the file that reaches the byte bound: here, every file with bytes.
    const byBytes = patchBatches(files, sides, { batchBytes: 1 });
    expect(byBytes.flatMap((b) => b.files)).toEqual(files);
    expect(byBytes.every((b) => b.bytes >= 1 || b === byBytes.at(-1))).toBe(true);
  });
});
