import { setImmediate as nextTurn } from "node:timers/promises";
import { diffFile } from "../diff/file-diff";
import type { PatchOptions } from "../diff/patch";
import { finishTreeDiff, type TreeDiff, type TreeDiffOptions } from "../diff/tree-diff";
import type { FileDiff } from "../diff/types";
import type { PackageTree } from "../tarball/types";
import { type Batch, type BatchSizes, makeBatches, movablePair } from "./batches";
import { isTaskTimeout } from "./errors";
import type { EnginePool } from "./pool";
import type { PoolTask } from "./task";
import { type DiffFilesInput, type DiffedBatch, type EntryPair, type PackedFileDiff, type RenderSlice, type RenderedFile, type ScanFilesInput, type ScannedBatch, diffFilesTask, renderFileTask, unpackFile } from "./worker-tasks";

/** How diffTreesPooled() cuts the work into tasks. */
export interface PooledDiffTuning extends BatchSizes {
  /**
   * Deadline of one batch task. Default: 10 s plus `budgetMs` per file in it.
   * It is a backstop: each file's line diff already stops itself at
   * `budgetMs` (`skipped: "budget"`).
   */
  batchTimeoutMs?: (files: number) => number;
}

/**
 * A task that makes something more of each diffed file: the review's
 * risky-code scan, in the workers (lib/review/scan-task.ts; each
 * ecosystem's `Ecosystem.scanFiles`).
 */
export type ScanTask<S> = PoolTask<ScanFilesInput, ScannedBatch<S>>;

/** What diffTreesPooled() does with each batch besides its line diffs. */
export interface PooledDiffWork<S> {
  /** An ecosystem's `scanFiles`: each diffed file scanned in the pool too (`scans`). */
  scan?: ScanTask<S>;
  /** Which diffed files `scan` reads (default: all); the others are not sent. */
  toScan?: (file: FileDiff) => boolean;
  /** The scan of each file sent whose scan task passed its deadline (default: none, so the caller may scan it itself). */
  unscanned?: S;
  /** Also write each file's patch section where that is only writing (`DiffFilesInput.patch`, `patches`). */
  patch?: PatchOptions;
  /**
   * Told the tree diff (and the patch sections) as soon as every file is
   * diffed, while the scans may still run: what the result will hold but
   * `scans`, the same objects.
   */
  onDiffed?: (diff: Omit<PooledTreeDiff<S>, "scans">) => void;
}

/** diffTreesPooled()'s result: the tree diff, and each file's scan and patch section when the task made them. */
export interface PooledTreeDiff<S> extends TreeDiff {
  /** By the files of `files` the workers returned (a file rename detection made here has none). */
  scans: Map<FileDiff, S>;
  /** The same, for patch sections: `serializeFilePatch(file, sides, work.patch)`'s bytes, written in the workers. */
  patches: Map<FileDiff, Uint8Array>;
}

const BATCH_GRACE_MS = 10_000;

/** Tree diffs started by this process: each names its pool lane. */
let computations = 0;

/** What the helpers need of a pool (a narrow type, so tests can stand in for it). */
export type TaskRunner = Pick<EnginePool, "run">;

/**
 * `diffTrees()` with the line diffs in the pool's workers: the same files
 * and totals, but the main thread only compares bytes. Unchanged files
 * (same bytes, same git mode) never leave the main thread; changed ones go
 * in batches, all queued at once (the biggest first) so every worker stays
 * busy, in a pool lane of their own so they take turns with other requests'
 * tasks. With `tuning.scan` (an ecosystem's `scanFiles`) each batch is
 * scanned for the review in the pool once diffed, queued behind the line
 * diffs still waiting, and `scans` holds what came back; with
 * `tuning.patch`, each file's patch section is written beside its line
 * diff (`patches`), and `tuning.onDiffed` hears the diff before the scans
 * end — for a `.patch` that is waiting on it. A batch past its deadline
 * lists its text files as `skipped: "budget"`, like a line diff past its
 * budget; other engine errors are rethrown.
 *
 * @example
 * const { files, totals } = await diffTreesPooled(getEnginePool(), oldTree, newTree, { maxFileBytes: 1 << 24, budgetMs: 5000 });
 */
export async function diffTreesPooled<S = never>(
  pool: TaskRunner,
  oldTree: PackageTree,
  newTree: PackageTree,
  options: TreeDiffOptions,
  tuning: PooledDiffTuning & PooledDiffWork<S> = {},
  /** The diff is no longer wanted: its batches still queued are dropped (EnginePool.run). */
  signal?: AbortSignal,
): Promise<PooledTreeDiff<S>> {
  const paths = new Set<string>(oldTree.entries.keys());
  for (const path of newTree.entries.keys()) paths.add(path);
  // The order diffTrees() gives: plain UTF-16 code-unit sort.
  const sorted = [...paths].sort();

  const { treeBudgetMs, ...fileOptions } = options;
  // An absolute deadline works across threads: workers read the same clock.
  if (treeBudgetMs !== undefined) fileOptions.deadline = Math.min(options.deadline ?? Infinity, Date.now() + treeBudgetMs);

  const run: PooledRun<S> = {
    pool,
    signal,
    // A lane of its own in the pool's queue: its batches take turns with other requests' tasks.
    lane: `diff ${++computations}`,
    timeoutOf: tuning.batchTimeoutMs ?? ((files: number) => BATCH_GRACE_MS + files * options.budgetMs),
    results: new Array<FileDiff | null>(sorted.length).fill(null),
    scans: new Map(),
    patches: new Map(),
  };
  const { scan, patch } = tuning;
  const scanning: Promise<void>[] = [];
  // Biggest first: a 9 MB bundle queued last would start when the other worker is idle and end long after it.
  const queued = makeBatches(sorted, oldTree, newTree, tuning).sort((a, b) => b.bytes - a.bytes);
  let allQueued!: () => void;
  const queuedAll = new Promise<void>((resolve) => (allQueued = resolve));
  const diffAndScan = async (batch: Batch) => {
    const packed = await diffBatch(run, batch, { options: fileOptions, patch });
    if (!scan || !packed) return;
    // Queued in the lane once every line diff is, behind those still waiting: every file is diffed before any is scanned.
    // A turn later: copying the last batch's files for its scan must not delay onDiffed.
    const scanned = queuedAll.then(() => nextTurn()).then(() => scanBatch(run, scan, batch, packed, tuning));
    // Read once every batch is diffed; this keeps a failure meanwhile from going unhandled.
    scanned.catch(() => undefined);
    scanning.push(scanned);
  };
  const diffing: Promise<void>[] = [];
  let failed = false;
  for (const [i, batch] of queued.entries()) {
    // One batch's files are copied for the pool per turn of the event loop (a huge package's are hundreds of MB,
    // 110 ms in one go); the workers take two at a time anyway. A failed batch fails the diff: no more are sent.
    if (i > 0) await nextTurn();
    if (failed) break;
    const diffed = diffAndScan(batch);
    diffed.catch(() => (failed = true));
    diffing.push(diffed);
  }
  allQueued();
  await Promise.all(diffing);

  const files = run.results.filter((file): file is FileDiff => file !== null);
  const diff = { ...finishTreeDiff(files, oldTree, newTree, { ...options, ...fileOptions }), patches: run.patches };
  tuning.onDiffed?.(diff);
  await Promise.all(scanning);
  return { ...diff, scans: run.scans };
}

/** What the batches of one diffTreesPooled() call share. */
interface PooledRun<S> {
  pool: TaskRunner;
  signal: AbortSignal | undefined;
  lane: string;
  timeoutOf: (files: number) => number;
  /** By index into the sorted path list. */
  results: (FileDiff | null)[];
  scans: Map<FileDiff, S>;
  patches: Map<FileDiff, Uint8Array>;
}

/**
 * One batch's line diffs (and patch sections) in the pool, recorded into
 * `run`; the diffs as they came back, for the scan, or undefined when the
 * batch passed its deadline (its files are then listed as over budget).
 */
async function diffBatch<S>(
  run: PooledRun<S>,
  batch: Batch,
  { options, patch }: { options: DiffFilesInput["options"]; patch: PatchOptions | undefined },
): Promise<(PackedFileDiff | null)[] | undefined> {
  const transfer: ArrayBuffer[] = [];
  const input: DiffFilesInput = { pairs: batch.pairs.map((pair) => movablePair(pair, transfer)), options };
  if (patch) input.patch = patch;
  let diffed: DiffedBatch;
  try {
    diffed = await run.pool.run(diffFilesTask, input, { timeoutMs: run.timeoutOf(batch.pairs.length), signal: run.signal, lane: run.lane, transfer });
  } catch (error) {
    if (!isTaskTimeout(error)) throw error;
    batch.pairs.forEach((pair, i) => (run.results[batch.indexes[i]!] = skippedForBudget(pair)));
    return undefined;
  }
  const { files: packed, patch: sections } = diffed;
  let start = 0;
  packed.forEach((file, i) => {
    const diff = file && unpackFile(file);
    run.results[batch.indexes[i]!] = diff;
    const end = sections?.ends[i] ?? -1;
    if (diff && end >= 0) run.patches.set(diff, sections!.bytes.subarray(start, (start = end)));
  });
  return packed;
}

/** The review's scan of one diffed batch in the pool (the diffs sent back as they came, with their pairs), recorded into `run`. */
async function scanBatch<S>(
  run: PooledRun<S>,
  scan: ScanTask<S>,
  batch: Batch,
  packed: (PackedFileDiff | null)[],
  { toScan = () => true, unscanned }: Pick<PooledDiffWork<S>, "toScan" | "unscanned">,
): Promise<void> {
  const transfer: ArrayBuffer[] = [];
  const input: ScanFilesInput = { files: [], pairs: [] };
  const diffs: FileDiff[] = [];
  packed.forEach((file, i) => {
    const diff = run.results[batch.indexes[i]!];
    if (!file || !diff || !toScan(diff)) return;
    input.files.push(file);
    input.pairs.push(movablePair(batch.pairs[i]!, transfer));
    diffs.push(diff);
  });
  if (diffs.length === 0) return;
  try {
    const { scans } = await run.pool.run(scan, input, { timeoutMs: run.timeoutOf(diffs.length), signal: run.signal, lane: run.lane, transfer });
    scans.forEach((result, i) => run.scans.set(diffs[i]!, result));
  } catch (error) {
    if (!isTaskTimeout(error)) throw error;
    if (unscanned !== undefined) for (const diff of diffs) run.scans.set(diff, unscanned);
  }
}

/**
 * One file's diff table rendered in the pool: `renderFileHtml()` with the
 * highlighting off the main thread. Only the file's two entries are sent.
 * Rejects with TaskTimeout past `timeoutMs`, which callers show as "this
 * file took too long to render".
 */
export function renderFilePooled(
  pool: TaskRunner,
  file: FileDiff,
  oldTree: PackageTree,
  newTree: PackageTree,
  slice: RenderSlice,
  opts: { timeoutMs?: number } = {},
): Promise<RenderedFile> {
  const transfer: ArrayBuffer[] = [];
  const { old: oldEntry, new: newEntry } = movablePair({ old: oldTree.entries.get(file.oldPath ?? file.path), new: newTree.entries.get(file.path) }, transfer);
  return pool.run(renderFileTask, { file, oldEntry, newEntry, slice }, { ...opts, transfer });
}

/**
 * The entry of a file whose batch timed out. diffFile() with a negative size
 * limit returns, without any line work, what it returns for a text file too
 * large to diff (binary files, special entries and mode-only changes come out
 * as usual); that is relabelled as a file over its time budget.
 */
function skippedForBudget(pair: EntryPair): FileDiff | null {
  const diff = diffFile(pair.old, pair.new, { maxFileBytes: -1, budgetMs: 0 });
  if (diff?.skipped === "too_large") return { ...diff, skipped: "budget" };
  return diff;
}

/**
 * Inputs up to this size are parsed or unpacked on the calling thread: a
 * few ms there beats waiting in the pool's queue (lanes take turns, one task each) behind a big diff's
 * line-diff and highlighting tasks (seconds, on a busy server). Bigger ones
 * go to the pool, where their hundreds of ms can't stall other requests.
 */
export const SMALL_INPUT_BYTES = 1024 * 1024;
