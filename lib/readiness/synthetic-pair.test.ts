import { describe, expect, it } from "vitest";
import { diffTrees } from "../diff/tree-diff";
import { NPM_REVIEW } from "../registry/npm/review";
import { summarize } from "../review/summarize";
import { engineWarmUpPair, syntheticPair } from "./synthetic-pair";

describe("syntheticPair", () => {
  // The warm-up compiles and optimises only what the pair makes the review run.
  it("takes the risky-code scan through its paths: patterns, offsets, a bundle minified before, long packed lines", () => {
    const { oldTree, newTree } = syntheticPair();
    const { files } = diffTrees(oldTree, newTree, { maxFileBytes: 1 << 20, budgetMs: 60_000 });
    const summary = summarize({
      rules: NPM_REVIEW,
      dependencyLink: (name, from, to) => `/${name}/${from}..${to}`,
      name: "warm-up",
      from: { version: "1.0.0", tree: oldTree },
      to: { version: "1.1.0", tree: newTree },
      files,
    });
    const found = summary.findings.filter((f) => f.file !== undefined).map((f) => `${f.kind} ${f.file}`);
    expect(found).toEqual(
      expect.arrayContaining(["long-line lib/data.js", "high-entropy lib/data.js", "obfuscation setup.js", "network index.js", "env-read index.js"]),
    );
    // Rebuilt (a fetch( added and one removed), and minified before: nothing to report.
    expect(found.filter((f) => f.endsWith("dist/warm-up.min.js"))).toEqual([]);
    expect(files.find((f) => f.path === "dist/warm-up.min.js")?.collapsed).toBe("minified");
  });
});

describe("engineWarmUpPair", () => {
  it("is two generated bundles, the same on every start, whose diff has scattered hunks and a long rewritten stretch", () => {
    const { oldTree, newTree } = engineWarmUpPair();
    const again = engineWarmUpPair();
    expect([...newTree.entries.keys()]).toEqual(["lib/bundle-a.js", "lib/bundle-b.js"]);
    for (const [path, entry] of newTree.entries) expect(entry).toEqual(again.newTree.entries.get(path));
    const { files } = diffTrees(oldTree, newTree, { maxFileBytes: 1 << 24, budgetMs: 60_000 });
    expect(files).toHaveLength(2);
    for (const file of files) {
      const textOf = (entry: unknown) => Buffer.from((entry as { bytes: Uint8Array }).bytes).toString("utf8");
      const lines = textOf(oldTree.entries.get(file.path)).split("\n").length;
      expect(lines).toBeGreaterThan(5_000);
      expect(file.hunks!.length).toBeGreaterThan(100);
      // The rewritten stretch: one hunk of hundreds of changed lines.
      expect(Math.max(...file.hunks!.map((h) => h.newLines))).toBeGreaterThan(500);
      // Mostly distinct lines, as a bundle has: the line diff works on real choices.
      const distinct = new Set(textOf(newTree.entries.get(file.path)).split("\n"));
      expect(distinct.size).toBeGreaterThan(lines / 2);
    }
  });
});
