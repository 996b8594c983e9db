import type { PackageEntry, PackageFile, PackageSpecialEntry } from "../tarball/types";
import { isDiffBudgetExceeded } from "./budget";
import { gitFileMode } from "./git-mode";
import { asBuffer } from "./buffers";
import { collapseReason } from "./collapse";
import { diffTextBytes, isText } from "./text-diff";
import type { FileDiff } from "./types";

/** Options of diffFile() (and diffTrees()). */
export interface FileDiffOptions {
  /** Lines of context around changes (default 3). */
  context?: number;
  /** Compare lines ignoring all whitespace, like `git diff -w`. */
  ignoreWhitespace?: boolean;
  /** A text file bigger than this on either side is not line-diffed (`skipped: "too_large"`). */
  maxFileBytes: number;
  /** Wall-clock budget of the line diff in ms (`skipped: "budget"` when exceeded). */
  budgetMs: number;
  /** An absolute cap (epoch ms) on top of `budgetMs`, such as a whole tree's budget. */
  deadline?: number;
}

/**
 * Diffs one path between two versions; `undefined` is a side where the
 * path does not exist. Returns null when nothing changed: same bytes (the
 * first check, before any line work) and the same git mode (only the
 * execute bit counts, as in git).
 *
 * Binary files (either side) get sizes only; a file too large for
 * `maxFileBytes` or too slow for `budgetMs` is returned with `skipped` and
 * no hunks, so a caller can still list it and offer the raw files or the
 * patch. Symlinks and other special entries get a `note` instead of hunks.
 *
 * @example
 * diffFile(undefined, file("a.txt", "hi\n"), { maxFileBytes: 1 << 20, budgetMs: 1000 })
 * // { path: "a.txt", status: "added", additions: 1, hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, lines: ["+hi"] }], ... }
 */
export function diffFile(
  oldEntry: PackageEntry | undefined,
  newEntry: PackageEntry | undefined,
  options: FileDiffOptions,
): FileDiff | null {
  if (oldEntry === undefined && newEntry === undefined) return null;
  if ((oldEntry && oldEntry.kind !== "file") || (newEntry && newEntry.kind !== "file")) {
    return diffSpecial(oldEntry, newEntry);
  }
  return diffFiles(oldEntry, newEntry, options);
}

function diffFiles(oldFile: PackageFile | undefined, newFile: PackageFile | undefined, options: FileDiffOptions): FileDiff | null {
  const either = (newFile ?? oldFile)!;
  const oldSize = oldFile?.bytes.byteLength ?? 0;
  const newSize = newFile?.bytes.byteLength ?? 0;

  let sameBytes = false;
  if (oldFile && newFile) {
    sameBytes = oldSize === newSize && asBuffer(oldFile.bytes).equals(asBuffer(newFile.bytes));
    if (sameBytes && gitFileMode(oldFile.mode) === gitFileMode(newFile.mode)) return null;
  }

  const base: FileDiff = {
    path: either.path,
    status: oldFile === undefined ? "added" : newFile === undefined ? "removed" : "modified",
    binary: (oldFile?.binary ?? false) || (newFile?.binary ?? false),
    oldSize,
    newSize,
    additions: 0,
    deletions: 0,
  };
  if (oldFile) base.oldMode = oldFile.mode;
  if (newFile) base.newMode = newFile.mode;

  if (sameBytes) return { ...base, hunks: [] };
  if (base.binary) return binaryDiff(base);
  if (Math.max(oldSize, newSize) > options.maxFileBytes) return { ...base, skipped: "too_large" };

  // Not valid UTF-8 past the sniffed prefix: only a binary patch can carry it.
  if ((oldFile && !isText(oldFile.bytes)) || (newFile && !isText(newFile.bytes))) return binaryDiff(base);

  try {
    const result = diffTextBytes(oldFile?.bytes, newFile?.bytes, {
      context: options.context,
      ignoreWhitespace: options.ignoreWhitespace,
      deadline: Math.min(Date.now() + options.budgetMs, options.deadline ?? Number.POSITIVE_INFINITY),
    });
    const collapsed = collapseReason(base.path, (newFile ?? oldFile)?.bytes);
    return {
      ...base,
      additions: result.additions,
      deletions: result.deletions,
      hunks: result.hunks,
      ...(collapsed ? { collapsed } : {}),
    };
  } catch (error) {
    if (isDiffBudgetExceeded(error)) return { ...base, skipped: "budget" };
    throw error;
  }
}

function binaryDiff(base: FileDiff): FileDiff {
  return { ...base, status: base.status === "modified" ? "binary" : base.status, binary: true, skipped: "binary" };
}

/** How a special entry reads in a note, e.g. "symlink → ../x". */
function describe(entry: PackageEntry): string {
  switch (entry.kind) {
    case "file":
      return "regular file";
    case "symlink":
      return `symlink → ${entry.linkTarget ?? ""}`;
    case "hardlink":
      return `hard link → ${entry.linkTarget ?? ""}`;
    default:
      return entry.tarType;
  }
}

function sameSpecial(a: PackageSpecialEntry, b: PackageEntry): boolean {
  return b.kind === a.kind && b.linkTarget === a.linkTarget && b.tarType === a.tarType;
}

function diffSpecial(oldEntry: PackageEntry | undefined, newEntry: PackageEntry | undefined): FileDiff | null {
  if (oldEntry && newEntry && oldEntry.kind !== "file" && sameSpecial(oldEntry, newEntry)) return null;
  const either = (newEntry ?? oldEntry)!;
  let note = describe(either);
  if (oldEntry && newEntry) {
    const before = describe(oldEntry);
    // "symlink → a changed to → b": the kind is not repeated when it stays.
    note =
      newEntry.kind !== "file" && newEntry.kind === oldEntry.kind && newEntry.kind !== "other"
        ? `${before} changed to → ${newEntry.linkTarget ?? ""}`
        : `${before} changed to ${describe(newEntry)}`;
  }
  const diff: FileDiff = {
    path: either.path,
    status: oldEntry === undefined ? "added" : newEntry === undefined ? "removed" : "modified",
    binary: false,
    oldSize: oldEntry?.kind === "file" ? oldEntry.bytes.byteLength : 0,
    newSize: newEntry?.kind === "file" ? newEntry.bytes.byteLength : 0,
    additions: 0,
    deletions: 0,
    hunks: [],
    note,
  };
  if (oldEntry) diff.oldMode = oldEntry.mode;
  if (newEntry) diff.newMode = newEntry.mode;
  return diff;
}
