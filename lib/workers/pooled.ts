import { asBuffer } from "../diff/buffers";
import { diffFile } from "../diff/file-diff";
import { gitFileMode } from "../diff/git-mode";
import { finishTreeDiff, type TreeDiff, type TreeDiffOptions } from "../diff/tree-diff";
import type { FileDiff } from "../diff/types";
import type { PackageEntry, PackageTree } from "../tarball/types";
import { isTaskTimeout } from "./errors";
import type { EnginePool } from "./pool";
import type { PoolTask } from "./task";
import { type DiffFilesInput, type DiffFilesOutput, type EntryPair, type RenderSlice, type RenderedFile, compactEntry, diffFilesTask, renderFileTask } from "./worker-tasks";

/** How diffTreesPooled() cuts the work into tasks. */
export interface PooledDiffTuning {
  /** A batch closes once its files reach this many bytes (both sides); default 1 MiB. */
  batchBytes?: number;
  /** …or this many files; default 64. Small files share a message instead of costing one each. */
  batchFiles?: number;
  /**
   * Deadline of one batch task. Default: 10 s plus `budgetMs` per file in it.
   * It is a backstop: each file's line diff already stops itself at
   * `budgetMs` (`skipped: "budget"`).
   */
  batchTimeoutMs?: (files: number) => number;
}

/**
 * A line-diff task that returns something more for each file it diffs:
 * the review's risky-code scan, made where the file's lines are
 * (lib/review/scan-task.ts; each ecosystem's `Ecosystem.diffFiles`).
 */
export type ScanningDiffTask<S> = PoolTask<DiffFilesInput, DiffFilesOutput<S>>;

/** diffTreesPooled()'s result: the tree diff, and each file's scan when a scanning task made one. */
export interface PooledTreeDiff<S> extends TreeDiff {
  /** By the files of `files` the workers returned (a file rename detection made here has none). */
  scans: Map<FileDiff, S>;
}

/** How much a pool task carries by default: the diff's batches and the patch's alike. */
export const DEFAULT_BATCH_BYTES = 1024 * 1024;
export const DEFAULT_BATCH_FILES = 64;
const BATCH_GRACE_MS = 10_000;

/** Tree diffs started by this process: each names its pool lane. */
let computations = 0;

/** What the helpers need of a pool (a narrow type, so tests can stand in for it). */
export type TaskRunner = Pick<EnginePool, "run">;

interface Batch {
  /** Indexes into the sorted path list. */
  indexes: number[];
  pairs: EntryPair[];
  /** Bytes of its entries (both sides): what its line diffs cost, roughly. */
  bytes: number;
}

/**
 * `diffTrees()` with the line diffs in the pool's workers: the same files
 * and totals, but the main thread only compares bytes. Unchanged files
 * (same bytes, same git mode) never leave the main thread; changed ones go
 * in batches, all queued at once (the biggest first) so every worker stays
 * busy, in a pool lane of their own so they take turns with other requests'
 * tasks. With `tuning.task` (an ecosystem's `diffFiles`) each file is also
 * scanned for the review where it is diffed, and `scans` holds what came
 * back. A batch past its deadline lists its text files as
 * `skipped: "budget"`, like a line diff past its budget; other engine
 * errors are rethrown.
 *
 * @example
 * const { files, totals } = await diffTreesPooled(getEnginePool(), oldTree, newTree, { maxFileBytes: 1 << 24, budgetMs: 5000 });
 */
export async function diffTreesPooled<S = never>(
  pool: TaskRunner,
  oldTree: PackageTree,
  newTree: PackageTree,
  options: TreeDiffOptions,
  tuning: PooledDiffTuning & { task?: ScanningDiffTask<S> } = {},
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

  const batches = makeBatches(sorted, oldTree, newTree, tuning);
  const timeoutOf = tuning.batchTimeoutMs ?? ((files: number) => BATCH_GRACE_MS + files * options.budgetMs);
  // A lane of its own in the pool's queue: its batches take turns with other requests' tasks.
  const lane = `diff ${++computations}`;
  const results = new Array<FileDiff | null>(sorted.length).fill(null);
  const scans = new Map<FileDiff, S>();
  const { task } = tuning;
  // Biggest first: a 9 MB bundle queued last would start when the other worker is idle and end long after it.
  const queued = batches.slice().sort((a, b) => b.bytes - a.bytes);
  await Promise.all(
    queued.map(async (batch) => {
      const input: DiffFilesInput = { pairs: batch.pairs, options: fileOptions };
      const opts = { timeoutMs: timeoutOf(batch.pairs.length), signal, lane };
      let diffs: (FileDiff | null)[];
      let scanned: S[] = [];
      try {
        if (task) ({ files: diffs, scans: scanned } = await pool.run(task, input, opts));
        else diffs = await pool.run(diffFilesTask, input, opts);
      } catch (error) {
        if (!isTaskTimeout(error)) throw error;
        diffs = batch.pairs.map((pair) => skippedForBudget(pair));
      }
      diffs.forEach((diff, i) => {
        results[batch.indexes[i]!] = diff;
        if (diff && i < scanned.length) scans.set(diff, scanned[i]!);
      });
    }),
  );

  const files = results.filter((file): file is FileDiff => file !== null);
  return { ...finishTreeDiff(files, oldTree, newTree, { ...options, ...fileOptions }), scans };
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
  const oldEntry = compactEntry(oldTree.entries.get(file.oldPath ?? file.path));
  const newEntry = compactEntry(newTree.entries.get(file.path));
  return pool.run(renderFileTask, { file, oldEntry, newEntry, slice }, opts);
}

function unchanged(oldEntry: PackageEntry | undefined, newEntry: PackageEntry | undefined): boolean {
  // Only regular files are settled here; diffFile() decides everything else (it is cheap for them).
  if (oldEntry?.kind !== "file" || newEntry?.kind !== "file") return false;
  return (
    oldEntry.bytes.byteLength === newEntry.bytes.byteLength &&
    gitFileMode(oldEntry.mode) === gitFileMode(newEntry.mode) &&
    asBuffer(oldEntry.bytes).equals(asBuffer(newEntry.bytes))
  );
}

/** The bytes a file entry carries into a task (nothing for links and folders). */
export function entryBytes(entry: PackageEntry | undefined): number {
  return entry?.kind === "file" ? entry.bytes.byteLength : 0;
}

function makeBatches(sorted: string[], oldTree: PackageTree, newTree: PackageTree, tuning: PooledDiffTuning): Batch[] {
  const changed: { index: number; pair: EntryPair }[] = [];
  sorted.forEach((path, index) => {
    const oldEntry = oldTree.entries.get(path);
    const newEntry = newTree.entries.get(path);
    if (!unchanged(oldEntry, newEntry)) changed.push({ index, pair: { old: compactEntry(oldEntry), new: compactEntry(newEntry) } });
  });
  return cutBatches(changed, ({ pair }) => entryBytes(pair.old) + entryBytes(pair.new), tuning).map(({ items, bytes }) => ({
    indexes: items.map((item) => item.index),
    pairs: items.map((item) => item.pair),
    bytes,
  }));
}

/**
 * Cuts `items` (in order) into consecutive runs of about `batchBytes` of
 * input or `batchFiles` items, whichever comes first (`bytesOf`: what an
 * item carries into a task): the diff's batches and the patch's alike.
 *
 * @example
 * cutBatches(files, (f) => f.size, { batchFiles: 2 }) // → [{ items: [a, b], bytes }, { items: [c], bytes }]
 */
export function cutBatches<T>(items: readonly T[], bytesOf: (item: T) => number, tuning: Pick<PooledDiffTuning, "batchBytes" | "batchFiles"> = {}): { items: T[]; bytes: number }[] {
  const maxBytes = tuning.batchBytes ?? DEFAULT_BATCH_BYTES;
  const maxFiles = tuning.batchFiles ?? DEFAULT_BATCH_FILES;
  const batches: { items: T[]; bytes: number }[] = [];
  let current: { items: T[]; bytes: number } = { items: [], bytes: 0 };
  for (const item of items) {
    current.items.push(item);
    current.bytes += bytesOf(item);
    if (current.bytes >= maxBytes || current.items.length >= maxFiles) {
      batches.push(current);
      current = { items: [], bytes: 0 };
    }
  }
  if (current.items.length > 0) batches.push(current);
  return batches;
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
