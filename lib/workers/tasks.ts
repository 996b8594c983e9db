import { prettyPrint } from "../browse/pretty";
import type { PrettyLanguage } from "../browse/file-kind";
import { type FileDiffOptions, diffFile } from "../diff/file-diff";
import type { FileDiff } from "../diff/types";
import { highlightLines } from "../highlight/highlighter";
import { renderFileHtml } from "../render/file-table";
import { type ErrorDetails, type ErrorKind, isPkgdiffError, PkgdiffError } from "../errors";
import { parsePackument } from "../registry/npm/packument";
import type { PackageInfo } from "../registry/types";
import { readTarball } from "../tarball/read-tarball";
import type { PackageEntry, PackageTree, TarLimits } from "../tarball/types";
import { toWire, type WireTree } from "../tarball/wire-tree";

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

/** Input of the `pretty` task: one file's text and the language to lay it out as. */
export interface PrettyInput {
  text: string;
  lang: PrettyLanguage;
}

/** Input of the `unpack` task: a verified tarball and the limits to read it within. */
export interface UnpackInput {
  bytes: Uint8Array;
  limits: TarLimits;
}

/**
 * A PkgdiffError as data: thrown in a worker it would lose its kind on the
 * way back, so tasks whose refusals users see return it (`refusal`) and
 * callers throw it again (`rethrowRefusal`).
 */
export interface Refusal {
  ok: false;
  kind: ErrorKind;
  message: string;
  details: ErrorDetails;
}

/** Output of `unpack`: the tree, or the reader's refusal. */
export type UnpackOutput = { ok: true; tree: WireTree } | Refusal;

/** Input of the `packument` task: a packument's bytes, as the registry sent them. */
export interface PackumentInput {
  name: string;
  body: Uint8Array;
}

/** Output of `packument`: the package, or why not. */
export type PackumentOutput = { ok: true; pkg: PackageInfo } | Refusal;

/** What each task kind takes. */
export interface TaskInput {
  diffFiles: DiffFilesInput;
  renderFile: RenderFileInput;
  highlight: HighlightInput;
  pretty: PrettyInput;
  unpack: UnpackInput;
  packument: PackumentInput;
}

/** What each task kind returns. */
export interface TaskOutput {
  /** One result per pair, in the pairs' order; null where nothing changed. */
  diffFiles: (FileDiff | null)[];
  renderFile: RenderedFile;
  /** One HTML string per input line. */
  highlight: string[];
  /** The text laid out. */
  pretty: string;
  unpack: UnpackOutput;
  packument: PackumentOutput;
}

/** The task kinds a pool runs. */
export type TaskKind = keyof TaskInput;

type Handlers = { [K in TaskKind]: (input: TaskInput[K]) => TaskOutput[K] | Promise<TaskOutput[K]> };

const handlers: Handlers = {
  diffFiles: ({ pairs, options }) => pairs.map((pair) => diffFile(pair.old, pair.new, options)),
  renderFile: ({ file, oldEntry, newEntry, slice }) =>
    renderFileHtml(file, treeOf(file.oldPath ?? file.path, oldEntry), treeOf(file.path, newEntry), slice),
  highlight: ({ lines, lang }) => highlightLines(lines, lang),
  pretty: ({ text, lang }) => prettyPrint(text, lang),
  unpack: async ({ bytes, limits }) => {
    try {
      return { ok: true, tree: toWire(await readTarball(bytes, limits)) };
    } catch (error) {
      return refusal(error);
    }
  },
  packument: ({ name, body }) => {
    try {
      return { ok: true, pkg: parsePackument(name, body) };
    } catch (error) {
      return refusal(error);
    }
  },
};

function isTaskKind(kind: string): kind is TaskKind {
  return Object.hasOwn(handlers, kind);
}

/**
 * Runs one task in this thread; the worker entry and the pool's inline
 * fallback both call this. The input is the kind's, as the pool's typed
 * `run()` sent it (both sides are this codebase). An unknown kind rejects:
 * the test-only kinds exist only in the test worker (test-worker.ts).
 */
export function runTask(kind: string, input: unknown): Promise<unknown> {
  if (!isTaskKind(kind)) return Promise.reject(new Error(`unknown task kind ${JSON.stringify(kind)}`));
  const handler = handlers[kind] as (input: unknown) => unknown;
  // async wrapper: a synchronous throw becomes a rejection like any other.
  return (async () => handler(input))();
}

/** A PkgdiffError as a Refusal; anything else is rethrown (a bug, reported as TaskFailed). */
function refusal(error: unknown): Refusal {
  if (!isPkgdiffError(error)) throw error;
  return { ok: false, kind: error.kind, message: error.message, details: error.details };
}

/** Throws a task's Refusal as the PkgdiffError it was. */
export function rethrowRefusal(out: Refusal): never {
  throw new PkgdiffError(out.kind, out.message, out.details);
}

/** What a task's output can hand over instead of copying: an unpacked tree's one buffer. */
export function transferablesOf(output: unknown): ArrayBuffer[] {
  const tree = (output as { tree?: { buffer?: unknown } } | null)?.tree;
  return tree?.buffer instanceof ArrayBuffer ? [tree.buffer] : [];
}

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
