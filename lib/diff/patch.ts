import type { PackageEntry, PackageTree } from "../tarball/types";
import { asBuffer } from "./buffers";
import { NULL_OID, binaryLiteral, gitBlobId, quotePath } from "./git-format";
import { gitEntryMode } from "./git-mode";
import { formatHunkHeader, joinedLines } from "./hunks";
import { fullTextHunks, isText } from "./text-diff";
import type { FileDiff, Hunk } from "./types";

/** The two trees a list of FileDiffs was computed from. */
export interface PatchSides {
  old: PackageTree;
  new: PackageTree;
}

/** Options of serializePatch(). */
export interface PatchOptions {
  /**
   * The files were diffed with `ignoreWhitespace`: their hunks leave out
   * whitespace changes, so every text file is diffed again in full for the
   * patch to recreate the new version.
   */
  ignoredWhitespace?: boolean;
}

/** One side of a file as git stores it: a blob and its mode. */
interface Blob {
  mode: string;
  bytes: Uint8Array;
}

const NO_BYTES = new Uint8Array(0);

/**
 * Writes a git-style patch for `files` that `git apply` accepts on the
 * unpacked old version and that recreates the new version byte for byte:
 * modes, binaries (as "GIT binary patch" literals) and missing final
 * newlines included. Files the viewer skipped (budget, too_large,
 * collapsed) are diffed here in full, without a budget.
 *
 * The hunks of `files` are reused as they are (unless
 * `options.ignoredWhitespace` says they left whitespace out), so they must
 * have context > 0: `git apply` needs context to place hunks. Symlinks
 * become git symlinks (mode 120000); hard links and devices cannot be
 * expressed in a patch and are left out.
 *
 * @example
 * const { files } = diffTrees(oldTree, newTree, limits);
 * const patch = serializePatch(files, { old: oldTree, new: newTree });
 */
export function serializePatch(files: readonly FileDiff[], sides: PatchSides, options: PatchOptions = {}): string {
  const parts: string[] = [];
  for (const file of files) appendFilePatch(file, sides, options, parts);
  return parts.join("");
}

/** serializePatch() for one file (its `diff --git` section or sections). */
export function serializeFilePatch(file: FileDiff, sides: PatchSides, options: PatchOptions = {}): string {
  const parts: string[] = [];
  appendFilePatch(file, sides, options, parts);
  return parts.join("");
}

/**
 * Whether a file's patch section diffs lines again rather than reuse its
 * hunks: a skipped text file (too large, over budget, collapsed) or any
 * text file of a diff made without whitespace changes. Those are what
 * cost time in a patch; the rest is writing what the diff holds.
 */
export function needsLineWork(file: FileDiff, options: PatchOptions): boolean {
  return !file.binary && (options.ignoredWhitespace === true || (file.skipped !== undefined && file.note === undefined));
}

function blobOf(entry: PackageEntry | undefined): Blob | undefined {
  if (entry === undefined) return undefined;
  const mode = gitEntryMode(entry);
  if (mode === undefined) return undefined;
  // git stores a symlink as a blob holding its target, without newline.
  const bytes = entry.kind === "file" ? entry.bytes : Buffer.from(entry.linkTarget ?? "", "utf8");
  return { mode, bytes };
}

/**
 * The two entries a file's patch reads: the old side at `oldPath ?? path`,
 * the new side at `path`. Nothing else of the trees is read, so a batch of
 * files can be serialized elsewhere (a worker) from just these.
 */
export function patchEntriesOf(file: FileDiff, sides: PatchSides): { old?: PackageEntry; new?: PackageEntry } {
  return { old: sides.old.entries.get(file.oldPath ?? file.path), new: sides.new.entries.get(file.path) };
}

function appendFilePatch(file: FileDiff, sides: PatchSides, options: PatchOptions, parts: string[]): void {
  const oldPath = file.oldPath ?? file.path;
  const entries = patchEntriesOf(file, sides);
  const oldBlob = blobOf(entries.old);
  const newBlob = blobOf(entries.new);
  if (oldBlob === undefined && newBlob === undefined) return;

  if (oldBlob && newBlob && (oldBlob.mode === "120000") !== (newBlob.mode === "120000")) {
    // A file became a symlink or back: git writes a deletion and a creation.
    appendSection(parts, { oldPath, newPath: oldPath, oldBlob });
    appendSection(parts, { oldPath: file.path, newPath: file.path, newBlob });
    return;
  }
  const reusable = file.skipped === undefined && file.note === undefined && !file.binary && !options.ignoredWhitespace;
  appendSection(parts, {
    oldPath,
    newPath: file.path,
    oldBlob,
    newBlob,
    knownHunks: reusable ? file.hunks : undefined,
    // A file that ran out of time in the viewer will again: go to Myers directly.
    histogramMs: file.skipped === "budget" ? 0 : undefined,
    binaryHint: file.binary,
  });
}

/** One `diff --git` section: the two sides of a path and what is known of their diff. */
interface Section {
  oldPath: string;
  newPath: string;
  oldBlob?: Blob;
  newBlob?: Blob;
  /** Hunks already computed by the viewer, reused when given. */
  knownHunks?: readonly Hunk[];
  /** For hunks computed here; see fullTextHunks(). */
  histogramMs?: number;
  /** The FileDiff says binary: write a binary patch without looking. */
  binaryHint?: boolean;
}

function appendSection(parts: string[], section: Section): void {
  const { oldPath, newPath, oldBlob, newBlob, knownHunks, histogramMs, binaryHint = false } = section;
  const sameContent =
    oldBlob !== undefined && newBlob !== undefined && asBuffer(oldBlob.bytes).equals(asBuffer(newBlob.bytes));
  const sameMode = oldBlob !== undefined && newBlob !== undefined && oldBlob.mode === newBlob.mode;
  if (sameContent && sameMode && oldPath === newPath) return;

  const a = quotePath(`a/${oldPath}`);
  const b = quotePath(`b/${newPath}`);
  parts.push(`diff --git ${a} ${b}\n`);
  if (oldBlob === undefined) parts.push(`new file mode ${newBlob!.mode}\n`);
  else if (newBlob === undefined) parts.push(`deleted file mode ${oldBlob.mode}\n`);
  else if (!sameMode) parts.push(`old mode ${oldBlob.mode}\nnew mode ${newBlob.mode}\n`);
  if (oldBlob && newBlob && oldPath !== newPath) {
    parts.push(`rename from ${quotePath(oldPath)}\nrename to ${quotePath(newPath)}\n`);
  }
  if (sameContent) return;

  const oldId = oldBlob ? gitBlobId(oldBlob.bytes) : NULL_OID;
  const newId = newBlob ? gitBlobId(newBlob.bytes) : NULL_OID;
  parts.push(`index ${oldId}..${newId}${sameMode ? ` ${oldBlob!.mode}` : ""}\n`);

  const oldBytes = oldBlob?.bytes;
  const newBytes = newBlob?.bytes;
  const binary =
    binaryHint ||
    (knownHunks === undefined && ((oldBytes !== undefined && !isText(oldBytes)) || (newBytes !== undefined && !isText(newBytes))));
  if (binary) {
    // Forward (old -> new) then reverse, as `git diff --binary` writes them.
    parts.push("GIT binary patch\n");
    binaryLiteral(newBytes ?? NO_BYTES, parts);
    binaryLiteral(oldBytes ?? NO_BYTES, parts);
    return;
  }

  const hunks = knownHunks ?? fullTextHunks(oldBytes, newBytes, { histogramMs }).hunks;
  // An empty file created or deleted has no hunks and no ---/+++ lines.
  if (hunks.length === 0) return;
  const minus = oldBlob ? a : "/dev/null";
  const plus = newBlob ? b : "/dev/null";
  // git ends a ---/+++ name that contains a space with a tab, so `git apply`
  // knows where the name ends.
  parts.push(`--- ${minus}${minus.includes(" ") ? "\t" : ""}\n`);
  parts.push(`+++ ${plus}${plus.includes(" ") ? "\t" : ""}\n`);
  for (const hunk of hunks) {
    parts.push(formatHunkHeader(hunk), "\n");
    if (hunk.lines.length > 0) parts.push(joinedLines(hunk), "\n");
  }
}
