import { createHash } from "node:crypto";
import type { PackageFile, PackageTree } from "../tarball/types";
import { type FileDiffOptions, diffFile } from "./file-diff";
import type { FileDiff } from "./types";

/** Like `git diff -M`: a removed and an added file at least this similar are one renamed file. */
export const RENAME_THRESHOLD = 0.5;
/** Inexact matching compares every removed file with every added one; past this many pairs only exact renames are found. */
const MAX_INEXACT_PAIRS = 250_000;

/**
 * Turns removed + added pairs into renames: first files with identical
 * bytes, then (when the candidate sets are small enough) pairs whose lines
 * are at least 50% similar, best first, as git does by default.
 * The renamed entry carries the diff between the two files.
 */
export function detectRenames(files: FileDiff[], oldTree: PackageTree, newTree: PackageTree, options: FileDiffOptions): FileDiff[] {
  const removed = files.filter((f) => f.status === "removed" && isFile(oldTree, f.path));
  const added = files.filter((f) => f.status === "added" && isFile(newTree, f.path));
  if (removed.length === 0 || added.length === 0) return files;

  const pairs = new Map<string, string>(); // new path → old path
  const usedOld = new Set<string>();

  // Exact renames: same bytes.
  const byHash = new Map<string, string[]>();
  for (const f of removed) {
    const key = hashOf(fileAt(oldTree, f.path));
    byHash.set(key, [...(byHash.get(key) ?? []), f.path]);
  }
  for (const f of added) {
    const candidates = byHash.get(hashOf(fileAt(newTree, f.path)));
    const oldPath = candidates?.find((p) => !usedOld.has(p));
    if (oldPath) {
      pairs.set(f.path, oldPath);
      usedOld.add(oldPath);
    }
  }

  // Inexact renames: line similarity, best pairs first.
  const restOld = removed.filter((f) => !usedOld.has(f.path) && !f.binary);
  const restNew = added.filter((f) => !pairs.has(f.path) && !f.binary);
  if (restOld.length * restNew.length <= MAX_INEXACT_PAIRS) {
    const oldLines = restOld.map((f) => lineCounts(fileAt(oldTree, f.path)));
    const scored: { score: number; oldPath: string; newPath: string }[] = [];
    for (const f of restNew) {
      const newBytes = fileAt(newTree, f.path).bytes;
      const newCounts = lineCounts(fileAt(newTree, f.path));
      restOld.forEach((o, i) => {
        const score = similarity(oldLines[i]!, o.oldSize, newCounts, newBytes.byteLength);
        if (score >= RENAME_THRESHOLD) scored.push({ score, oldPath: o.path, newPath: f.path });
      });
    }
    scored.sort((a, b) => b.score - a.score || a.newPath.localeCompare(b.newPath));
    for (const s of scored) {
      if (usedOld.has(s.oldPath) || pairs.has(s.newPath)) continue;
      pairs.set(s.newPath, s.oldPath);
      usedOld.add(s.oldPath);
    }
  }
  if (pairs.size === 0) return files;

  const result: FileDiff[] = [];
  for (const f of files) {
    if (f.status === "removed" && usedOld.has(f.path)) continue;
    const oldPath = f.status === "added" ? pairs.get(f.path) : undefined;
    result.push(oldPath ? renamed(oldTree, newTree, oldPath, f.path, options) : f);
  }
  return result;
}

function renamed(oldTree: PackageTree, newTree: PackageTree, oldPath: string, newPath: string, options: FileDiffOptions): FileDiff {
  const oldFile = fileAt(oldTree, oldPath);
  const newFile = fileAt(newTree, newPath);
  // Diff the old content as if it already lived at the new path.
  const diff = diffFile({ ...oldFile, path: newPath }, newFile, options) ?? {
    path: newPath,
    status: "modified" as const,
    binary: newFile.binary,
    oldSize: oldFile.bytes.byteLength,
    newSize: newFile.bytes.byteLength,
    oldMode: oldFile.mode,
    newMode: newFile.mode,
    additions: 0,
    deletions: 0,
    hunks: [],
  };
  return { ...diff, status: "renamed", oldPath };
}

function isFile(tree: PackageTree, path: string): boolean {
  return tree.entries.get(path)?.kind === "file";
}

function fileAt(tree: PackageTree, path: string): PackageFile {
  const entry = tree.entries.get(path);
  if (entry?.kind !== "file") throw new Error(`not a file: ${path}`);
  return entry;
}

function hashOf(file: PackageFile): string {
  return `${file.mode & 0o111 ? "x" : "-"}${createHash("sha1").update(file.bytes).digest("hex")}`;
}

const decoder = new TextDecoder();

function lineCounts(file: PackageFile): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of decoder.decode(file.bytes).split("\n")) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/** Bytes of lines the two files share (as multisets), over the bigger file's size: git's measure, by lines. */
function similarity(a: Map<string, number>, aSize: number, b: Map<string, number>, bSize: number): number {
  const max = Math.max(aSize, bSize);
  if (max === 0) return 1;
  // Cheap bound first: a size ratio under the threshold can never reach it.
  if (Math.min(aSize, bSize) / max < RENAME_THRESHOLD) return 0;
  let shared = 0;
  for (const [line, count] of b) {
    const other = a.get(line);
    if (other) shared += Math.min(other, count) * (line.length + 1);
  }
  return shared / max;
}
