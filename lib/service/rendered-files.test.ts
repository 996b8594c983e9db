import { describe, expect, it } from "vitest";
import { diffTrees } from "../diff/tree-diff";
import { file, tree } from "../diff/test-helpers";
import { renderFileTable } from "./rendered-files";

const oldTree = tree([file("index.js", "const a = 1;\nconst b = 2;\n")]);
const newTree = tree([file("index.js", "const a = 1;\nconst b = 3;\n")]);
const [changed] = diffTrees(oldTree, newTree, { maxFileBytes: 1 << 20, budgetMs: 5_000 }).files;

describe("renderFileTable", () => {
  it("renders a slice once however many requests ask for it at the same time", async () => {
    const slice = { start: 0, count: 400 };
    const results = await Promise.all(Array.from({ length: 5 }, () => renderFileTable("k1", changed!, oldTree, newTree, slice)));
    expect(results[0]!.html).toContain("const");
    for (const result of results) expect(result).toBe(results[0]); // one rendering, shared
    // Another view of the same file is another rendering.
    const split = await renderFileTable("k1", changed!, oldTree, newTree, { ...slice, view: "split" });
    expect(split).not.toBe(results[0]);
  });
});
