/**
 * One pkgdiff engine run on a pair of tarballs, in a process of its own so
 * its peak RSS belongs to this pair alone. Spawned by bench/engine.ts:
 *
 *   node --import tsx bench/engine-once.ts <old.tgz> <new.tgz> <limits-json> [--patch-out <file>] [--warm]
 *
 * Prints one JSON line (see EngineResult).
 */
import { readFile, writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { serializePatch } from "../lib/diff/patch";
import type { FileDiff } from "../lib/diff/types";
import { diffTrees } from "../lib/diff/tree-diff";
import { readTarball } from "../lib/tarball/read-tarball";
import { NPM_REVIEW } from "../lib/registry/npm/review";
import { diffPath } from "../lib/routes/diff-path";
import { summarize } from "../lib/review/summarize";
import { reviewSyntheticPair, syntheticPair } from "../lib/readiness/synthetic-pair";
import { type EngineLimits, type EngineResult, parseEngineLimits } from "./engine-protocol";
import { median } from "./stats";

interface Pipeline {
  unpackMs: number;
  diffMs: number;
  patchMs: number;
  /** The review summary on the same trees and diff (what the service adds to a cold diff). */
  reviewMs: number;
  files: number;
  additions: number;
  deletions: number;
  patch: string;
}

/** Exactly what the `.patch` route does once the tarballs are in the local cache. */
async function runPipeline(oldTgz: string, newTgz: string, limits: EngineLimits, options: { warmReview?: boolean } = {}): Promise<Pipeline> {
  const t0 = performance.now();
  const [oldGz, newGz] = await Promise.all([readFile(oldTgz), readFile(newTgz)]);
  const oldTree = await readTarball(oldGz, limits);
  const newTree = await readTarball(newGz, limits);
  const t1 = performance.now();
  const { files, totals } = diffTrees(oldTree, newTree, { maxFileBytes: limits.maxFileBytes, budgetMs: limits.budgetMs });
  const t2 = performance.now();
  const patch = serializePatch(files, { old: oldTree, new: newTree });
  const patchDone = performance.now();
  // A server has run its review rules on a synthetic pair at start (lib/readiness), so it
  // never pays their first compile in a request: the bench does the same, untimed, after
  // the cold diff (so the engine columns stay a fresh process's).
  if (options.warmReview) {
    const pair = syntheticPair();
    reviewSyntheticPair(pair, diffTrees(pair.oldTree, pair.newTree, { maxFileBytes: limits.maxFileBytes, budgetMs: limits.budgetMs }).files, [NPM_REVIEW]);
  }
  // The service's diffs come from worker threads, whose postMessage serializer flattens every
  // hunk line on the worker's side; inline, a line is still a "+" + text rope that the review,
  // its first reader here, would flatten. Flattened here, untimed, so the review column is what
  // the service's main thread pays.
  flattenLines(files);
  const t3 = performance.now();
  summarize({ rules: NPM_REVIEW, dependencyLink: (name, from, to) => diffPath(name, from, to), name: "bench", from: { version: "0.0.0", tree: oldTree }, to: { version: "0.0.1", tree: newTree }, files });
  const t4 = performance.now();
  return { unpackMs: t1 - t0, diffMs: t2 - t1, patchMs: patchDone - t2, reviewMs: t4 - t3, ...totals, patch };
}

/**
 * Flattens the added and removed lines of code files, the ones the review
 * reads (flattening the rest, source maps and megabyte context lines of
 * bundles, would only add to the peak RSS column): a search reads every
 * character, and V8 flattens a concatenated string to search it.
 */
function flattenLines(files: readonly FileDiff[]): void {
  let nuls = 0;
  for (const file of files) {
    if (!NPM_REVIEW.isCode(file.path)) continue;
    for (const hunk of file.hunks ?? []) {
      for (const line of hunk.lines) if (line.startsWith("+") || line.startsWith("-")) nuls += line.indexOf("\u0000") + 1;
    }
  }
  if (nuls < 0) throw new Error("unreachable");
}

/** In-process runs after the cold one; their median is the "warm" (running server) time. */
const WARM_RUNS = 5;

interface Args {
  oldTgz: string;
  newTgz: string;
  limits: EngineLimits;
  patchOut?: string;
  warm: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const [oldTgz, newTgz, limitsJson, ...rest] = argv;
  if (!oldTgz || !newTgz || !limitsJson) {
    throw new Error("usage: engine-once.ts <old.tgz> <new.tgz> <limits-json> [--patch-out <file>] [--warm]");
  }
  const flag = rest.indexOf("--patch-out");
  const patchOut = flag >= 0 ? rest[flag + 1] : undefined;
  const limits = parseEngineLimits(limitsJson);
  return { oldTgz, newTgz, limits, patchOut, warm: rest.includes("--warm") };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cold = await runPipeline(args.oldTgz, args.newTgz, args.limits, { warmReview: true });
  // Read before anything else allocates: the peak of one run, as a server request would see it.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const patchBytes = Buffer.byteLength(cold.patch, "utf8");
  if (args.patchOut) await writeFile(args.patchOut, cold.patch);

  // A server process is warm: its JIT has compiled the engine long ago. Steady state is the
  // median of several runs after the first, which is what a request to a running server costs.
  let warmMs: number | undefined;
  let warmReviewMs: number | undefined;
  if (args.warm) {
    const runs: number[] = [];
    const reviews: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const warm = await runPipeline(args.oldTgz, args.newTgz, args.limits);
      runs.push(warm.unpackMs + warm.diffMs + warm.patchMs);
      reviews.push(warm.reviewMs);
    }
    warmMs = median(runs);
    warmReviewMs = median(reviews);
  }

  const result: EngineResult = {
    ms: cold.unpackMs + cold.diffMs + cold.patchMs,
    unpackMs: cold.unpackMs,
    diffMs: cold.diffMs,
    patchMs: cold.patchMs,
    reviewMs: cold.reviewMs,
    warmMs,
    warmReviewMs,
    maxRssMb,
    files: cold.files,
    additions: cold.additions,
    deletions: cold.deletions,
    patchBytes,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
