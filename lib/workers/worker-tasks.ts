import { type FileDiffOptions, diffFile } from "../diff/file-diff";
import { type PatchOptions, needsLineWork, serializeFilePatch, serializePatch } from "../diff/patch";
import { joinedLines, sharingJoinedLines } from "../diff/hunks";
import type { FileDiff, Hunk } from "../diff/types";
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
  /**
   * Also write each text file's patch section (serializeFilePatch() with
   * these options) where it is only writing, no line diffed again
   * (`needsLineWork`): a `.patch` that started the diff streams them as
   * they are instead of sending every file to a worker again.
   */
  patch?: PatchOptions;
}

/**
 * Input of an ecosystem's `scanFiles` task (lib/review/scan-task.ts): diffs
 * as the `diffFiles` task returned them, each with the pair it was made
 * from.
 */
export interface ScanFilesInput {
  files: PackedFileDiff[];
  pairs: EntryPair[];
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

/** Output of the `diffFiles` task: each pair's diff (null: unchanged), in order, and the patch sections the input asked for. */
export interface DiffedBatch {
  files: (PackedFileDiff | null)[];
  /** With `DiffFilesInput.patch`: the sections written (`writePatchSections`). */
  patch?: PatchSections;
}

/** A hunk on its way between threads: its lines as one text (`packFile`). */
export type PackedHunk = Omit<Hunk, "lines"> & { text: string; count: number };

/** A FileDiff on its way between threads: each hunk's lines as one text. */
export type PackedFileDiff = Omit<FileDiff, "hunks"> & { hunks?: PackedHunk[] };

/**
 * A FileDiff with each hunk's lines joined into one text. A big file's
 * diff is hundreds of thousands of short strings, which postMessage would
 * copy and rebuild one by one: typescript 5.4.5→5.5.2's lib/typescript.js
 * took 56–145 ms to read back on the receiving thread, one text and a
 * split 25 ms.
 */
export function packFile(file: FileDiff): PackedFileDiff {
  if (!file.hunks) return file as PackedFileDiff;
  const hunks = file.hunks.map((hunk) => {
    const { lines, ...rest } = hunk;
    return { ...rest, text: joinedLines(hunk), count: lines.length };
  });
  return { ...file, hunks };
}

/** The FileDiff packFile() packed (lines hold no newline: they were split on it). */
export function unpackFile(packed: PackedFileDiff): FileDiff {
  if (!packed.hunks) return packed as FileDiff;
  return { ...packed, hunks: packed.hunks.map(({ text, count, ...hunk }) => ({ ...hunk, lines: count === 0 ? [] : text.split("\n") })) };
}

/** Output of a `scanFiles` task: what it made of each diff, in order. */
export interface ScannedBatch<S> {
  scans: S[];
}

/**
 * Patch sections of a run of files in one buffer (moved back, not copied):
 * file `i`'s section ends at `ends[i]` and starts where the one before it
 * ended; -1 for a file not written (its patch needs line work, or it is
 * unchanged).
 */
export interface PatchSections {
  bytes: Uint8Array;
  ends: number[];
}

/** `diffFile()` over each pair of a `diffFiles` input, in order. */
function diffPairs({ pairs, options }: DiffFilesInput): (FileDiff | null)[] {
  return pairs.map((pair) => diffFile(pair.old, pair.new, options));
}

/**
 * The patch section of each diffed text pair whose patch is only writing
 * (no `needsLineWork`), as serializePatch() writes it, in one UTF-8 buffer.
 * The pairs are by path (no renames yet), so each section reads just its pair.
 */
export function writePatchSections(files: readonly (FileDiff | null)[], pairs: readonly EntryPair[], options: PatchOptions): PatchSections {
  const texts = files.map((file, i) => {
    // A binary's literal (deflate and base85 of both sides, any size) is left to the patch's own tasks and their deadline.
    if (!file || file.binary || needsLineWork(file, options)) return undefined;
    const pair = pairs[i]!;
    return serializeFilePatch(file, { old: treeOf(file.oldPath ?? file.path, pair.old), new: treeOf(file.path, pair.new) }, options);
  });
  return ownUtf8(texts);
}

/** The line diffs of a batch (packed for the way back), with the patch sections the input asks for. */
export const diffFilesTask = poolTask("diffFiles", (input: DiffFilesInput): DiffedBatch => {
  const files = diffPairs(input);
  const { patch } = input;
  // Packing and the patch read each hunk's lines as one text: joined once for both.
  return sharingJoinedLines(() => {
    const packed = files.map((file) => file && packFile(file));
    return patch ? { files: packed, patch: writePatchSections(files, input.pairs, patch) } : { files: packed };
  });
});

export const renderFileTask = poolTask("renderFile", ({ file, oldEntry, newEntry, slice }: RenderFileInput): Promise<RenderedFile> =>
  renderFileHtml(file, treeOf(file.oldPath ?? file.path, oldEntry), treeOf(file.path, newEntry), slice),
);

/** serializePatch() of one batch, as UTF-8 in a buffer of its own (moved back to the caller, not copied). */
export const patchFilesTask = poolTask("patchFiles", ({ files, old, new: next, options }: PatchFilesInput): Uint8Array =>
  ownUtf8([serializePatch(files, { old: fromWire(old), new: fromWire(next) }, options)]).bytes,
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
 * Texts as UTF-8, one after another, in bytes that own their whole
 * ArrayBuffer, so postMessage can transfer them (Buffer.from() puts short
 * strings in a shared slab); `ends[i]` is where text `i` ends (-1 for an
 * absent one).
 */
function ownUtf8(texts: readonly (string | undefined)[]): PatchSections {
  let total = 0;
  for (const text of texts) if (text !== undefined) total += Buffer.byteLength(text, "utf8");
  const bytes = new Uint8Array(total);
  const buffer = Buffer.from(bytes.buffer, 0, total);
  let end = 0;
  const ends = texts.map((text) => (text === undefined ? -1 : (end += buffer.write(text, end, "utf8"))));
  return { bytes, ends };
}
