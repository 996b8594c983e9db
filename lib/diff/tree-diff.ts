import type { PackageTree } from "../tarball/types";
import { type FileDiffOptions, diffFile } from "./file-diff";
import { detectRenames } from "./renames";
import type { DiffTotals, FileDiff } from "./types";

/** Options of diffTrees(): diffFile()'s, plus a budget for the whole tree. */
export interface TreeDiffOptions extends FileDiffOptions {
  /**
   * Wall-clock budget of the whole tree in ms. Once spent, the remaining
   * changed text files are listed with `skipped: "budget"` right away, so a
   * package full of pathological files cannot hold a request for
   * files × budgetMs. Unset: no overall limit.
   */
  treeBudgetMs?: number;
  /** Pair removed and added files into renames, like `git diff -M` (default true). */
  renames?: boolean;
}

/** The result of diffTrees(). */
export interface TreeDiff {
  /** Changed paths only, sorted by path (plain code-unit order). */
  files: FileDiff[];
  totals: DiffTotals;
}

/**
 * Diffs every path of two package trees. Unchanged files cost one byte
 * comparison each and are left out; each changed file gets its own time
 * budget (`options.budgetMs`), so one pathological file cannot starve the
 * others, and `options.treeBudgetMs` caps the whole.
 *
 * @example
 * const { files, totals } = diffTrees(oldTree, newTree, { maxFileBytes: 1 << 20, budgetMs: 2000 });
 */
export function diffTrees(oldTree: PackageTree, newTree: PackageTree, options: TreeDiffOptions): TreeDiff {
  const paths = new Set<string>(oldTree.entries.keys());
  for (const path of newTree.entries.keys()) paths.add(path);
  // Default sort compares UTF-16 code units: the order the brief asks for.
  const sorted = [...paths].sort();

  const fileOptions: FileDiffOptions =
    options.treeBudgetMs === undefined
      ? options
      : { ...options, deadline: Math.min(options.deadline ?? Infinity, Date.now() + options.treeBudgetMs) };
  const files: FileDiff[] = [];
  for (const path of sorted) {
    const file = diffFile(oldTree.entries.get(path), newTree.entries.get(path), fileOptions);
    if (file !== null) files.push(file);
  }
  return finishTreeDiff(files, oldTree, newTree, options);
}

/**
 * The last step of a tree diff, wherever its files were diffed (here or in
 * worker threads): pair removed and added files into renames, then add up
 * the totals. `files` are the changed paths in path order.
 */
export function finishTreeDiff(files: FileDiff[], oldTree: PackageTree, newTree: PackageTree, options: TreeDiffOptions): TreeDiff {
  const final = options.renames === false ? files : detectRenames(files, oldTree, newTree, options);
  const totals: DiffTotals = { files: final.length, additions: 0, deletions: 0 };
  for (const file of final) {
    totals.additions += file.additions;
    totals.deletions += file.deletions;
  }
  return { files: final, totals };
}
