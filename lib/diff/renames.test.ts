import { describe, expect, it } from "vitest";
import { file, tree } from "./test-helpers";
import { diffTrees } from "./tree-diff";

const opts = { maxFileBytes: 1 << 20, budgetMs: 5_000 };
const body = (n: number, tag = "") => Array.from({ length: n }, (_, i) => `line ${i} ${tag}`).join("\n") + "\n";

describe("rename detection", () => {
  it("turns an identical removed + added pair into one rename with no hunks", () => {
    const { files, totals } = diffTrees(tree([file("lib/a.js", body(20))]), tree([file("src/a.js", body(20))]), opts);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ status: "renamed", oldPath: "lib/a.js", path: "src/a.js", additions: 0, deletions: 0, hunks: [] });
    expect(totals).toEqual({ files: 1, additions: 0, deletions: 0 });
  });

  it("pairs files at least 50% similar and carries their diff", () => {
    const before = body(20);
    const after = before.replace("line 3 \n", "line three\n").replace("line 9 \n", "line nine\n");
    const { files } = diffTrees(tree([file("old.js", before)]), tree([file("new.js", after)]), opts);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ status: "renamed", oldPath: "old.js", path: "new.js", additions: 2, deletions: 2 });
  });

  it("leaves dissimilar files as removed and added", () => {
    const { files } = diffTrees(tree([file("old.js", body(20, "x"))]), tree([file("new.js", body(20, "y"))]), opts);
    expect(files.map((f) => f.status).sort()).toEqual(["added", "removed"]);
  });

  it("can be turned off", () => {
    const { files } = diffTrees(tree([file("a.js", body(5))]), tree([file("b.js", body(5))]), { ...opts, renames: false });
    expect(files.map((f) => f.status).sort()).toEqual(["added", "removed"]);
  });
});
