import { asBuffer } from "../diff/buffers";
import { gitFileMode } from "../diff/git-mode";
import type { PackageEntry, PackageTree } from "../tarball/types";
import type { EntryPair } from "./worker-tasks";

/*
 * How a tree diff's changed files (and a patch's files) are cut into pool
 * tasks, and how file bytes travel to the pool.
 */

/** How many files or bytes a pool task carries. */
export interface BatchSizes {
  /** A batch closes once its files reach this many bytes (both sides); default 1 MiB. */
  batchBytes?: number;
  /** …or this many files; default 64. Small files share a message instead of costing one each. */
  batchFiles?: number;
}

/** How much a pool task carries by default: the diff's batches and the patch's alike. */
export const DEFAULT_BATCH_BYTES = 1024 * 1024;
export const DEFAULT_BATCH_FILES = 64;

/** A run of a tree diff's changed paths, as one task diffs them. */
export interface Batch {
  /** Indexes into the sorted path list. */
  indexes: number[];
  pairs: EntryPair[];
  /** Bytes of its entries (both sides): what its line diffs cost, roughly. */
  bytes: number;
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

/** Both entries of a pair as movableEntry() makes them. */
export function movablePair(pair: EntryPair, transfer: ArrayBuffer[]): EntryPair {
  return { old: movableEntry(pair.old, transfer), new: movableEntry(pair.new, transfer) };
}

/**
 * A file entry with its bytes copied into a buffer of their own, added to
 * `transfer` (moved to the worker, not copied again); other entries as they
 * are. Entries are views (into an unpacked tree's one buffer, or Node's 8 KiB
 * slab), and postMessage would copy a view's whole underlying buffer.
 */
function movableEntry<E extends PackageEntry | undefined>(entry: E, transfer: ArrayBuffer[]): E {
  if (entry?.kind !== "file") return entry;
  const bytes = new Uint8Array(entry.bytes);
  transfer.push(bytes.buffer);
  return { ...entry, bytes };
}

/** The bytes a file entry carries into a task (nothing for links and folders). */
export function entryBytes(entry: PackageEntry | undefined): number {
  return entry?.kind === "file" ? entry.bytes.byteLength : 0;
}

/** The changed paths of two trees (by index into `sorted`), cut into batches. */
export function makeBatches(sorted: string[], oldTree: PackageTree, newTree: PackageTree, tuning: BatchSizes): Batch[] {
  const changed: { index: number; pair: EntryPair }[] = [];
  sorted.forEach((path, index) => {
    const oldEntry = oldTree.entries.get(path);
    const newEntry = newTree.entries.get(path);
    if (!unchanged(oldEntry, newEntry)) changed.push({ index, pair: { old: oldEntry, new: newEntry } });
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
export function cutBatches<T>(items: readonly T[], bytesOf: (item: T) => number, tuning: BatchSizes = {}): { items: T[]; bytes: number }[] {
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

