import { execFileSync } from "node:child_process";
import os from "node:os";
import { formatBytes } from "../lib/format-bytes";
import type { EngineResult } from "./engine-protocol";
import type { PairResult } from "./measure-pair";
import type { HttpOutcome } from "./server";
import { pairLabel } from "./pairs";
import type { BenchSettings } from "./settings";

/** Issue 3's targets, marked ✓/✗ in the table so the README shows at a glance what is met. */
const TARGET_VS_GIT = 1.5;
const TARGET_VS_TAR_GIT = 2;
/** Issue 12: the review summary adds at most 10% to a cold diff. */
const TARGET_REVIEW_SHARE = 0.1;
const TARGET_PEAK_MB = 600;
const TARGET_FIRST_BYTE_MS = 300;
const TARGET_HTML_BYTES = 3 * 1024 * 1024;

const NA = "–";

function seconds(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return NA;
  const s = ms / 1000;
  return s < 1 ? s.toFixed(3) : s.toFixed(2);
}

function milliseconds(ms: number): string {
  return `${Math.round(ms)} ms`;
}

function megabytes(mb: number | undefined): string {
  return mb === undefined ? NA : `${Math.round(mb)}`;
}

export function mark(ok: boolean): string {
  return ok ? "✓" : "✗";
}

/** Cold ratio against the target, then the warm one: a server runs warm, a first request cold. */
function ratio(cold: number | undefined, warm: number | undefined, theirs: number | undefined, target: number): string {
  if (cold === undefined || theirs === undefined || theirs <= 0) return NA;
  const r = cold / theirs;
  const warmPart = warm === undefined ? "" : ` (warm ${(warm / theirs).toFixed(2)}×)`;
  return `${r.toFixed(2)}× ${mark(r <= target)}${warmPart}`;
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A tool's own version line, or "?" where it is missing: a header detail, never fatal. */
function versionOf(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split("\n")[0]?.trim() ?? "?";
  } catch {
    return "?";
  }
}

export function machineHeader(settings: BenchSettings): string {
  const cpus = os.cpus();
  const lines = [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    `- node ${process.version}, npm ${versionOf("npm", ["--version"])}, ${versionOf("git", ["--version"])}, ${versionOf("tar", ["--version"])}`,
    `- medians of ${settings.runs} runs (BENCH_RUNS); npm diff capped at ${settings.npmDiffCapS} s (BENCH_NPM_DIFF_CAP_S)`,
  ];
  return lines.join("\n");
}

function npmDiffCell(result: PairResult, settings: BenchSettings): string {
  if (settings.skipNpmDiff) return "skipped";
  const run = result.npmDiff;
  if (!run) return NA;
  return run.timedOut ? `> ${settings.npmDiffCapS} s` : seconds(run.ms);
}

/** The summary's cold time and share (the target), then its warm share beside the warm pipeline. */
function reviewCell(e: EngineResult): string {
  const share = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;
  const cold = `${seconds(e.reviewMs)} (${share(e.reviewMs, e.ms)} ${mark(e.reviewMs <= e.ms * TARGET_REVIEW_SHARE)})`;
  if (e.warmReviewMs === undefined || e.warmMs === undefined) return cold;
  return `${cold} (warm ${seconds(e.warmReviewMs)}, ${share(e.warmReviewMs, e.warmMs)})`;
}

function speedTable(results: readonly PairResult[], settings: BenchSettings): string {
  const rows = results.map((r) => {
    const e = r.engine;
    return [
      pairLabel(r.pair),
      seconds(e?.ms),
      e ? `${seconds(e.unpackMs)} + ${seconds(e.diffMs)} + ${seconds(e.patchMs)}` : NA,
      seconds(e?.warmMs),
      seconds(r.gitMs),
      seconds(r.tarGitMs),
      npmDiffCell(r, settings),
      ratio(e?.ms, e?.warmMs, r.gitMs, TARGET_VS_GIT),
      ratio(e?.ms, e?.warmMs, r.tarGitMs, TARGET_VS_TAR_GIT),
      e ? reviewCell(e) : NA,
    ];
  });
  return table(
    [
      "pair",
      "pkgdiff¹ s",
      "unpack + diff + patch s",
      "pkgdiff warm² s",
      "git diff³ s",
      "tar xzf + git diff s",
      "npm diff⁴ s",
      `pkgdiff ÷ git (≤ ${TARGET_VS_GIT}×)`,
      `pkgdiff ÷ (tar + git) (≤ ${TARGET_VS_TAR_GIT}×)`,
      `review summary⁶ s (≤ ${TARGET_REVIEW_SHARE * 100}% of pkgdiff)`,
    ],
    rows,
  );
}

function memoryAndPatchTable(results: readonly PairResult[]): string {
  const rows = results.map((r) => {
    const e = r.engine;
    const peak = e ? `${megabytes(e.maxRssMb)} ${mark(e.maxRssMb <= TARGET_PEAK_MB)}` : NA;
    const lines = r.lines ? `${r.lines.ours} / ${r.lines.git} ${mark(r.lines.ours <= r.lines.git && r.lines.worse.length === 0)}` : NA;
    return [
      pairLabel(r.pair),
      peak,
      megabytes(r.gitRssMb),
      megabytes(r.npmDiff?.timedOut ? undefined : r.npmDiff?.maxRssMb),
      e ? `${e.files}` : NA,
      e ? formatBytes(e.patchBytes) : NA,
      r.apply ? (r.apply.applies ? "applies ✓" : "fails ✗") : NA,
      r.apply?.applies ? (r.apply.identical ? "identical ✓" : "differs ✗") : NA,
      lines,
    ];
  });
  return table(
    [
      "pair",
      `pkgdiff peak MB (≤ ${TARGET_PEAK_MB})`,
      "git diff peak MB",
      "npm diff peak MB",
      "changed files",
      "pkgdiff .patch",
      "git apply",
      "result vs new tree",
      "changed lines pkgdiff / git⁵",
    ],
    rows,
  );
}

/** Three cells for one URL: first byte (against the target when given), total, size. */
function httpCells(outcome: HttpOutcome, firstByteTarget?: number): string[] {
  if (!outcome.ok) return [outcome.error, NA, NA];
  const t = outcome.timing;
  const status = t.status === 200 ? "" : ` (HTTP ${t.status})`;
  const target = firstByteTarget === undefined ? "" : ` ${mark(t.firstByteMs <= firstByteTarget)}`;
  return [`${milliseconds(t.firstByteMs)}${target}${status}`, milliseconds(t.totalMs), formatBytes(t.bytes)];
}

function serverTable(results: readonly PairResult[]): string {
  const rows = results.map((r) => {
    const s = r.server;
    if (!s) return [pairLabel(r.pair), NA, NA, NA, NA, NA, NA];
    const page = httpCells(s.page, TARGET_FIRST_BYTE_MS);
    if (s.page.ok) page[2] = `${page[2]} ${mark(s.page.timing.bytes <= TARGET_HTML_BYTES)}`;
    return [pairLabel(r.pair), ...page, ...httpCells(s.patch)];
  });
  return table(
    [
      "pair",
      `page first byte (≤ ${TARGET_FIRST_BYTE_MS} ms)`,
      "page total",
      "page HTML (≤ 3 MiB)",
      ".patch first byte",
      ".patch total",
      ".patch size",
    ],
    rows,
  );
}

const FOOTNOTES = [
  "¹ A fresh node process per run: read both .tgz from disk, unpack both in memory, diff every file, serialize the whole git patch. Excludes node + tsx start-up; the peak MB is that process's max RSS.",
  "² The same pipeline in the same process after the cold run: median of 5 more runs (JIT warm), as in a long-running server.",
  "³ `git diff --no-index --histogram --binary` on trees unpacked beforehand, output to /dev/null (git does not shortcut it: same time as to a file); git's default rename detection is on.",
  "⁴ `npm diff --diff=<name>@<from> --diff=<name>@<to>`: asks the registry for packuments on every run; tarballs come from npm's cache after the first.",
  "⁵ Added + deleted lines over files that both see as text: pkgdiff's per-file counts as `git apply --numstat` reads its patch, git's from `git diff --no-index --histogram --no-renames --numstat` (pkgdiff pairs files by path, so renames are off for a like-for-like count). ✓ when no file has more changed lines than git gives it.",
  "⁶ `summarize()` (lib/review) on the cold run's trees and diff, on the same thread, as the service runs it after each new diff: after the server's warm-up (the review of the synthetic pair) and with the changed lines of code files flattened, as the worker pool hands them over (both untimed); its share of the cold pkgdiff column, then the median of the 5 warm runs and its share of the warm column.",
];

/** Everything the tables can only flag: failures, apply problems, files where we lose to git. */
function notes(results: readonly PairResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const label = pairLabel(r.pair);
    for (const error of r.errors) out.push(`- ${label}: ${error}`);
    for (const problem of r.apply?.problems ?? []) out.push(`- ${label}: patch check: ${problem}`);
    for (const file of r.lines?.worse ?? []) out.push(`- ${label}: more changed lines than git: ${file}`);
    for (const file of r.lines?.missing ?? []) out.push(`- ${label}: ${file}`);
    for (const file of r.lines?.binaryMismatch ?? []) out.push(`- ${label}: ${file}`);
  }
  return out;
}

export function renderReport(results: readonly PairResult[], settings: BenchSettings, header: string): string {
  const parts = [
    "## pkgdiff bench",
    header,
    "### Speed (seconds, medians)",
    speedTable(results, settings),
    "### Memory and the .patch",
    memoryAndPatchTable(results),
  ];
  if (settings.serverUrl) {
    parts.push("### Server, warm tarball cache (medians)", serverTable(results));
  }
  parts.push(FOOTNOTES.join("\n\n"));
  const noted = notes(results);
  if (noted.length > 0) parts.push("### Notes", noted.join("\n"));
  return `${parts.join("\n\n")}\n`;
}
