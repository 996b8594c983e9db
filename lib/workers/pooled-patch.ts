import { type PatchOptions, type PatchSides, patchEntriesOf } from "../diff/patch";
import type { FileDiff } from "../diff/types";
import type { PackageEntry, PackageTree } from "../tarball/types";
import { toWire } from "../tarball/wire-tree";
import { type BatchSizes, cutBatches, entryBytes } from "./batches";
import type { TaskRunner } from "./pooled";
import { patchFilesTask } from "./worker-tasks";

/** How a diff's patch is cut into pool tasks: as the diff's own batches (bytes of the entries read, or files). */
export type PatchBatchTuning = BatchSizes;

/**
 * Deadline of one batch in a worker. The patch diffs again, without a time
 * budget, the files the viewer skipped (too large, over budget), so a batch
 * may take long; past this the response is cut off rather than hold a
 * worker forever.
 */
const PATCH_BATCH_TIMEOUT_MS = 120_000;

/** A run of consecutive files of a diff and the bytes of the entries they read (both sides). */
export interface PatchBatch {
  files: FileDiff[];
  bytes: number;
}

/**
 * Cuts `files` (in patch order) into consecutive batches of about
 * `batchBytes` of input or `batchFiles` files, whichever comes first.
 *
 * @example
 * const batches = patchBatches(diff.files, await diff.trees());
 */
export function patchBatches(files: readonly FileDiff[], sides: PatchSides, tuning: PatchBatchTuning = {}): PatchBatch[] {
  const bytesOf = (file: FileDiff) => {
    const entries = patchEntriesOf(file, sides);
    return entryBytes(entries.old) + entryBytes(entries.new);
  };
  return cutBatches(files, bytesOf, tuning).map(({ items, bytes }) => ({ files: items, bytes }));
}

/** A tree of just `entries` (keyed by path), for toWire(). */
function treeOf(entries: Map<string, PackageEntry>): PackageTree {
  let unpackedBytes = 0;
  for (const entry of entries.values()) unpackedBytes += entryBytes(entry);
  return { entries, unpackedBytes };
}

/**
 * serializePatch() of one batch in the pool: the entries the batch's files
 * read are packed into one buffer per side (one copy on this thread) and
 * moved to the worker; the patch text comes back as UTF-8 bytes, moved too.
 * `lane`: the pool queue lane (one per patch, so its batches take turns
 * with other requests' tasks instead of waiting behind them).
 */
export function serializePatchBatch(
  pool: TaskRunner,
  files: FileDiff[],
  sides: PatchSides,
  options: PatchOptions,
  { timeoutMs = PATCH_BATCH_TIMEOUT_MS, lane }: { timeoutMs?: number; lane?: string } = {},
): Promise<Uint8Array> {
  const oldEntries = new Map<string, PackageEntry>();
  const newEntries = new Map<string, PackageEntry>();
  for (const file of files) {
    const entries = patchEntriesOf(file, sides);
    if (entries.old) oldEntries.set(file.oldPath ?? file.path, entries.old);
    if (entries.new) newEntries.set(file.path, entries.new);
  }
  const old = toWire(treeOf(oldEntries));
  const next = toWire(treeOf(newEntries));
  return pool.run(patchFilesTask, { files, old, new: next, options }, { transfer: [old.buffer, next.buffer], timeoutMs, lane });
}
