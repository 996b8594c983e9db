import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type PairData, TREE_DIR, tarArgs } from "./data";
import type { BenchPair } from "./pairs";
import { type RunResult, runCommand } from "./proc";

/**
 * The git invocation pkgdiff is measured against: histogram like pkgdiff,
 * --binary so binaries are carried in full as in our .patch. Exit code 1
 * only means "the trees differ".
 */
export function gitDiffArgs(oldTree: string, newTree: string): string[] {
  return ["diff", "--no-index", "--histogram", "--binary", oldTree, newTree];
}

const GIT_DIFF_OK = [0, 1] as const;

/** `git diff --no-index` on the trees unpacked once (tarballs already on disk, trees too). */
export function timeGitDiff(data: PairData): Promise<RunResult> {
  return runCommand("git", gitDiffArgs(data.oldTree, data.newTree), { okCodes: GIT_DIFF_OK, measureRss: true });
}

/**
 * The end-to-end baseline for ".patch with tarballs in the local cache":
 * `tar xzf` both into a fresh folder, then git diff. Returns the total ms.
 */
export async function timeTarThenGit(data: Pick<PairData, "oldTgz" | "newTgz">): Promise<number> {
  const work = await mkdtemp(path.join(tmpdir(), "pkgdiff-bench-tar-"));
  try {
    const oldDir = path.join(work, "a");
    const newDir = path.join(work, "b");
    // mkdir is not timed: a cache would keep the folders; the unpack and diff are the work.
    await runCommand("mkdir", [oldDir, newDir]);
    const untarOld = await runCommand("tar", tarArgs(data.oldTgz, oldDir));
    const untarNew = await runCommand("tar", tarArgs(data.newTgz, newDir));
    const diff = await runCommand("git", gitDiffArgs(oldDir, newDir), { okCodes: GIT_DIFF_OK });
    return untarOld.ms + untarNew.ms + diff.ms;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface NpmDiffRun {
  ms: number;
  timedOut: boolean;
  maxRssMb: number | undefined;
}

/**
 * `npm diff` between the two versions, killed at the cap. It asks the
 * registry for packuments each time (tarballs come from npm's cache after
 * the first run), so repeats are faster than a first use.
 */
export async function timeNpmDiff(pair: BenchPair, capS: number): Promise<NpmDiffRun> {
  const run = await runCommand(
    "npm",
    ["diff", `--diff=${pair.name}@${pair.from}`, `--diff=${pair.name}@${pair.to}`, "--no-color"],
    // Run outside the project, so npm does not read its package.json or lockfile.
    { cwd: TREE_DIR, capMs: capS * 1000, measureRss: true },
  );
  return { ms: run.ms, timedOut: run.timedOut, maxRssMb: run.maxRssMb };
}

/** The C pipeline's phases: download, unpack, diff (ms). */
export interface FetchTarGitRun {
  curlMs: number;
  tarGitMs: number;
  ms: number;
}

/**
 * The whole C pipeline a cold `.patch` is measured against (issue 15):
 * `curl` both tarballs from `urls` (a loopback registry in the bench), then
 * `tar xzf` and `git diff --histogram` as in timeTarThenGit().
 */
export async function timeFetchTarGit(urls: { old: string; new: string }): Promise<FetchTarGitRun> {
  const work = await mkdtemp(path.join(tmpdir(), "pkgdiff-bench-curl-"));
  try {
    const oldTgz = path.join(work, "old.tgz");
    const newTgz = path.join(work, "new.tgz");
    const curlOld = await runCommand("curl", ["-sSf", "-o", oldTgz, urls.old]);
    const curlNew = await runCommand("curl", ["-sSf", "-o", newTgz, urls.new]);
    const curlMs = curlOld.ms + curlNew.ms;
    const tarGitMs = await timeTarThenGit({ oldTgz, newTgz });
    return { curlMs, tarGitMs, ms: curlMs + tarGitMs };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
