import { type FileDiffOptions, diffFile } from "../diff/file-diff";
import { type PatchOptions, serializePatch } from "../diff/patch";
import type { FileDiff } from "../diff/types";
import { highlightLines } from "../highlight/highlighter";
import { renderFileHtml } from "../render/file-table";
import type { PackageEntry, PackageTree } from "../tarball/types";
import { type WireTree, fromWire } from "../tarball/wire-tree";
import { type AnyPoolTask, poolTask } from "./task";

/*
 * The diff engine's own tasks: line diffs, diff tables and highlighting.
 * Other folders bring theirs in their own worker-tasks.ts (browse's
 * pretty-printer, each registry's readers).
 */

/** Both sides of one path; a missing side is a path that does not exist in that version. */
export interface EntryPair {
  old?: PackageEntry;
  new?: PackageEntry;
}

/** Input of the `diffFiles` task: `diffFile()` over each pair, in order. */
export interface DiffFilesInput {
  pairs: EntryPair[];
  options: FileDiffOptions;
}

// Derived from renderFileHtml, so the task follows the renderer's signature as it evolves.
/** Which rows of the table to render (renderFileHtml's last parameter). */
export type RenderSlice = Parameters<typeof renderFileHtml>[3];
/** What renderFileHtml returns: the table's HTML and where it stops. */
export type RenderedFile = Awaited<ReturnType<typeof renderFileHtml>>;

/**
 * Input of the `renderFile` task. Only the two entries the table reads are
 * sent (`oldEntry` at `file.oldPath ?? file.path`, `newEntry` at
 * `file.path`), not whole trees.
 */
export interface RenderFileInput {
  file: FileDiff;
  oldEntry?: PackageEntry;
  newEntry?: PackageEntry;
  slice: RenderSlice;
}

/** Input of the `highlight` task: lines of one file (or a window of it) and their language. */
export interface HighlightInput {
  lines: string[];
  lang: string;
}

/**
 * Input of the `patchFiles` task: a run of a diff's files, in patch order,
 * and the entries their patch reads (lib/diff/patch.ts's patchEntriesOf),
 * each side's bytes packed in one buffer that is moved, not copied.
 */
export interface PatchFilesInput {
  files: FileDiff[];
  old: WireTree;
  new: WireTree;
  options: PatchOptions;
}

/**
 * What a line-diff task that does more per file returns (an ecosystem's
 * `diffFiles`, with the review's scan: lib/review/scan-task.ts): each
 * pair's diff, and what it made of it, in order.
 */
export interface DiffFilesOutput<S> {
  files: (FileDiff | null)[];
  scans: S[];
}

/** `diffFile()` over each pair of a `diffFiles` input, in order. */
export function diffPairs({ pairs, options }: DiffFilesInput): (FileDiff | null)[] {
  return pairs.map((pair) => diffFile(pair.old, pair.new, options));
}

export const diffFilesTask = poolTask("diffFiles", diffPairs);

export const renderFileTask = poolTask("renderFile", ({ file, oldEntry, newEntry, slice }: RenderFileInput): Promise<RenderedFile> =>
  renderFileHtml(file, treeOf(file.oldPath ?? file.path, oldEntry), treeOf(file.path, newEntry), slice),
);

/** serializePatch() of one batch, as UTF-8 in a buffer of its own (moved back to the caller, not copied). */
export const patchFilesTask = poolTask("patchFiles", ({ files, old, new: next, options }: PatchFilesInput): Uint8Array =>
  ownUtf8(serializePatch(files, { old: fromWire(old), new: fromWire(next) }, options)),
);

/** One HTML string per input line. */
export const highlightTask = poolTask("highlight", ({ lines, lang }: HighlightInput) => highlightLines(lines, lang));

/** The tasks of this file, for the worker bundle. */
export const WORKER_TASKS: readonly AnyPoolTask[] = [diffFilesTask, renderFileTask, patchFilesTask, highlightTask];

/** A tree holding just the entry the renderer looks up (renderFileHtml reads nothing else). */
function treeOf(path: string, entry: PackageEntry | undefined): PackageTree {
  const entries = new Map<string, PackageEntry>();
  if (entry) entries.set(path, entry);
  return { entries, unpackedBytes: entry?.kind === "file" ? entry.bytes.byteLength : 0 };
}

/**
 * The bytes as their own compact Uint8Array. Small Buffers from
 * `Buffer.concat` are views into a shared 8 KiB slab, and postMessage
 * copies a view's whole underlying ArrayBuffer, so a 100-byte file would
 * otherwise cost 8 KiB per message.
 */
export function compactEntry<E extends PackageEntry | undefined>(entry: E): E {
  if (entry?.kind !== "file") return entry;
  const { bytes } = entry;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return entry;
  return { ...entry, bytes: new Uint8Array(bytes) };
}

/**
 * `text` as UTF-8 bytes that own their whole ArrayBuffer, so postMessage can
 * transfer it (Buffer.from() puts short strings in a shared slab).
 */
function ownUtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.byteLength(text, "utf8"));
  Buffer.from(bytes.buffer, 0, bytes.byteLength).write(text, "utf8");
  return bytes;
}
