import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ApplyCheck, checkPatchApplies } from "./apply-check";
import { timeGitDiff, timeNpmDiff, timeTarThenGit } from "./baselines";
import { ensurePairData } from "./data";
import { runEngineOnce } from "./engine";
import type { EngineLimits, EngineResult } from "./engine-protocol";
import { type LineComparison, compareLineCounts, gitNumstat, patchNumstat } from "./line-counts";
import { type BenchPair, pairLabel } from "./pairs";
import { type ServerResult, timeServer } from "./server";
import type { BenchSettings } from "./settings";
import { median } from "./stats";

export interface NpmDiffSummary {
  ms: number;
  timedOut: boolean;
  maxRssMb: number | undefined;
}

export interface PairResult {
  pair: BenchPair;
  /** Medians of every field, except maxRssMb: the largest of the runs. */
  engine?: EngineResult;
  gitMs?: number;
  gitRssMb?: number;
  tarGitMs?: number;
  npmDiff?: NpmDiffSummary;
  apply?: ApplyCheck;
  lines?: LineComparison;
  server?: ServerResult;
  /** Measurements that failed, as "what: why". */
  errors: string[];
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Runs `step`, recording its failure in `errors` instead of stopping the bench. */
async function attempt<T>(errors: string[], what: string, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    const message = describeError(error);
    errors.push(`${what}: ${message.split("\n").slice(0, 3).join(" / ")}`);
    log(`  ${what} failed: ${message}`);
    return undefined;
  }
}

/**
 * Every measurement of one pair. The tools take turns within each round
 * (engine, git, tar+git, npm diff), so drift in the machine's load hits all
 * of them alike rather than whichever ran last.
 */
export async function measurePair(pair: BenchPair, settings: BenchSettings, limits: EngineLimits): Promise<PairResult> {
  const errors: string[] = [];
  const result: PairResult = { pair, errors };
  log(`${pairLabel(pair)}: fetching and unpacking (first run only)`);
  const data = await attempt(errors, "download", () => ensurePairData(pair));
  if (!data) return result;

  const temp = await mkdtemp(path.join(tmpdir(), "pkgdiff-bench-patch-"));
  const patchFile = path.join(temp, `${pair.name}.patch`);
  try {
    const engineRuns: EngineResult[] = [];
    const gitRuns: { ms: number; rss: number | undefined }[] = [];
    const tarGitRuns: number[] = [];
    const npmRuns: NpmDiffSummary[] = [];

    for (let round = 0; round < settings.runs; round++) {
      log(`${pairLabel(pair)}: round ${round + 1}/${settings.runs}`);
      // The first run that succeeds leaves its patch for the apply check; later ones only time.
      const patchOut = engineRuns.length === 0 ? patchFile : undefined;
      const engine = await attempt(errors, "pkgdiff engine", () =>
        runEngineOnce(data.oldTgz, data.newTgz, limits, { patchOut, warm: true }),
      );
      if (engine) engineRuns.push(engine);
      const git = await attempt(errors, "git diff", () => timeGitDiff(data));
      if (git) gitRuns.push({ ms: git.ms, rss: git.maxRssMb });
      const tarGit = await attempt(errors, "tar + git diff", () => timeTarThenGit(data));
      if (tarGit !== undefined) tarGitRuns.push(tarGit);
      // A run that hit the cap would hit it again: one is enough to say "> cap".
      if (!settings.skipNpmDiff && !npmRuns.some((run) => run.timedOut)) {
        const npm = await attempt(errors, "npm diff", () => timeNpmDiff(pair, settings.npmDiffCapS));
        if (npm) npmRuns.push(npm);
      }
    }

    result.engine = summarizeEngine(engineRuns);
    if (gitRuns.length > 0) {
      result.gitMs = median(gitRuns.map((r) => r.ms));
      result.gitRssMb = maxOf(gitRuns.map((r) => r.rss));
    }
    if (tarGitRuns.length > 0) result.tarGitMs = median(tarGitRuns);
    result.npmDiff = summarizeNpmDiff(npmRuns);

    if (engineRuns.length > 0) {
      log(`${pairLabel(pair)}: checking the patch with git apply`);
      result.apply = await attempt(errors, "git apply check", () => checkPatchApplies(patchFile, data.oldTree, data.newTree));
      result.lines = await attempt(errors, "line counts", async () =>
        compareLineCounts(await patchNumstat(patchFile), await gitNumstat(pair)),
      );
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }

  if (settings.serverUrl) {
    const base = settings.serverUrl;
    log(`${pairLabel(pair)}: timing the running server`);
    result.server = await attempt(errors, "server", () => timeServer(base, pair, settings.runs, settings.httpCapS));
  }
  return result;
}

/** The message and its causes: fetch says only "fetch failed" and hides ECONNREFUSED in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message} (${describeError(error.cause)})`;
}

function maxOf(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
}

function summarizeEngine(runs: readonly EngineResult[]): EngineResult | undefined {
  const first = runs[0];
  if (!first) return undefined;
  const med = (pick: (run: EngineResult) => number) => median(runs.map(pick));
  const known = (pick: (run: EngineResult) => number | undefined) => runs.map(pick).filter((ms): ms is number => ms !== undefined);
  const warm = known((run) => run.warmMs);
  const warmReview = known((run) => run.warmReviewMs);
  return {
    ...first,
    ms: med((r) => r.ms),
    unpackMs: med((r) => r.unpackMs),
    diffMs: med((r) => r.diffMs),
    patchMs: med((r) => r.patchMs),
    reviewMs: med((r) => r.reviewMs),
    warmMs: warm.length > 0 ? median(warm) : undefined,
    warmReviewMs: warmReview.length > 0 ? median(warmReview) : undefined,
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
  };
}

function summarizeNpmDiff(runs: readonly NpmDiffSummary[]): NpmDiffSummary | undefined {
  if (runs.length === 0) return undefined;
  const capped = runs.find((run) => run.timedOut);
  if (capped) return capped;
  return { ms: median(runs.map((r) => r.ms)), timedOut: false, maxRssMb: maxOf(runs.map((r) => r.maxRssMb)) };
}
