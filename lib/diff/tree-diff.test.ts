import { describe, expect, it } from "vitest";

import { file, symlink, tree } from "./test-helpers";
import { diffTrees } from "./tree-diff";

const limits = { maxFileBytes: 1 << 20, budgetMs: 60_000 };

describe("diffTrees", () => {
  it("lists changed paths only, sorted by code unit, with totals", () => {
    const before = tree([
      file("b.js", "1\n2\n"),
      file("same.js", "same\n"),
      file("Z.md", "z\n"),
      file("lib/gone.js", "x\ny\n"),
      symlink("link", "b.js"),
    ]);
    const after = tree([
      file("b.js", "1\n3\n4\n"),
      file("same.js", "same\n"),
      file("Z.md", "z\n"),
      file("a.js", "new\n"),
      file("\u00e9.js", "accent\n"),
      symlink("link", "a.js"),
    ]);
    const { files, totals } = diffTrees(before, after, limits);
    expect(files.map((f) => [f.path, f.status])).toEqual([
      ["a.js", "added"],
      ["b.js", "modified"],
      ["lib/gone.js", "removed"],
      ["link", "modified"],
      ["\u00e9.js", "added"],
    ]);
    expect(totals).toEqual({ files: 5, additions: 1 + 2 + 1, deletions: 1 + 2 });
  });

  it("reports nothing for identical trees", () => {
    const same = tree([file("a", "1\n"), file("b", Buffer.from([0, 1]))]);
    expect(diffTrees(same, same, limits)).toEqual({ files: [], totals: { files: 0, additions: 0, deletions: 0 } });
  });

  it("counts files it could not line-diff, without their lines", () => {
    const before = tree([file("big.txt", "a\n".repeat(1000)), file("img", Buffer.from([0, 1]))]);
    const after = tree([file("big.txt", "b\n".repeat(1000)), file("img", Buffer.from([0, 2]))]);
    const { files, totals } = diffTrees(before, after, { ...limits, maxFileBytes: 100 });
    expect(files.map((f) => f.skipped)).toEqual(["too_large", "binary"]);
    expect(totals).toEqual({ files: 2, additions: 0, deletions: 0 });
  });
});

describe("diffTrees tree budget", () => {
  it("skips the remaining text files once the tree budget is spent, still listing them", () => {
    const before = tree([file("a.txt", "1\n"), file("b.txt", "2\n"), file("c.bin", Buffer.from([0, 1]))]);
    const after = tree([file("a.txt", "one\n"), file("b.txt", "two\n"), file("c.bin", Buffer.from([0, 2]))]);
    const { files, totals } = diffTrees(before, after, { ...limits, treeBudgetMs: -1 });
    expect(files.map((f) => [f.path, f.skipped])).toEqual([
      ["a.txt", "budget"],
      ["b.txt", "budget"],
      ["c.bin", "binary"],
    ]);
    expect(totals.files).toBe(3);
  });
});
