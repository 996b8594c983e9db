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
  const textOf = (entry: unknown) => Buffer.from((entry as { bytes: Uint8Array }).bytes).toString("utf8");

  it("is, without real code, generated bundles, the same on every start, whose diff has scattered hunks and a long rewritten stretch", () => {
    const { oldTree, newTree } = engineWarmUpPair();
    const again = engineWarmUpPair();
    expect([...newTree.entries.keys()].sort()).toEqual(["lib/added.js", "lib/bundle-a.js", "lib/bundle-b.js", "lib/cut-down.js", "lib/reordered.js"]);
    for (const [path, entry] of newTree.entries) expect(entry).toEqual(again.newTree.entries.get(path));
    const { files } = diffTrees(oldTree, newTree, { maxFileBytes: 1 << 24, budgetMs: 60_000 });
    expect(files).toHaveLength(5);
    for (const file of files.filter((f) => f.path.startsWith("lib/bundle-"))) {
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

  it("is generated when the real code given is too short to be worth it", () => {
    const generated = engineWarmUpPair();
    for (const source of ["", "one line", Array.from({ length: 500 }, (_, i) => `line ${i}`).join("\n")]) {
      const { newTree } = engineWarmUpPair(source);
      expect(textOf(newTree.entries.get("lib/bundle-a.js"))).toBe(textOf(generated.newTree.entries.get("lib/bundle-a.js")));
    }
  });

  it("is made from real code when given: edited halves, a file cut down to 10 lines, a new file, a stretch reversed", () => {
    const source = [
      ...Array.from({ length: 3_000 }, (_, i) => (i % 7 === 0 ? "}" : `  const value${i} = compute(${i}, "${"x".repeat(i % 150)}");`)),
      `const table = "${"A".repeat(2_500)}";`,
    ].join("\n");
    const { oldTree, newTree } = engineWarmUpPair(source);
    const { files } = diffTrees(oldTree, newTree, { maxFileBytes: 1 << 24, budgetMs: 60_000 });
    const byPath = new Map(files.map((file) => [file.path, file]));
    expect([...byPath.keys()].sort()).toEqual(["lib/added.js", "lib/bundle-a.js", "lib/bundle-b.js", "lib/cut-down.js", "lib/reordered.js"]);
    expect(textOf(oldTree.entries.get("lib/bundle-a.js"))).toContain("const value1 = compute(1,");
    expect(byPath.get("lib/cut-down.js")).toMatchObject({ status: "modified", additions: 0 });
    expect(textOf(newTree.entries.get("lib/cut-down.js")).split("\n")).toHaveLength(11);
    expect(byPath.get("lib/added.js")?.status).toBe("added");
    const reordered = textOf(oldTree.entries.get("lib/reordered.js")).trimEnd().split("\n");
    expect(textOf(newTree.entries.get("lib/reordered.js")).trimEnd().split("\n")).toEqual([...reordered].reverse());
    // The line of a minified length is left out, so no file collapses as minified.
    for (const entry of [...oldTree.entries.values(), ...newTree.entries.values()]) expect(textOf(entry)).not.toContain("A".repeat(1_000));
    expect(files.filter((file) => file.collapsed)).toEqual([]);
  });
});
