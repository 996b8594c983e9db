import { describe, expect, it } from "vitest";
import { diffTrees } from "../diff/tree-diff";
import { NPM_REVIEW } from "../registry/npm/review";
import { summarize } from "../review/summarize";
import { syntheticPair } from "./synthetic-pair";

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
