import { tmpdir } from "node:os";
import { TREE_DIR, treeName } from "./data";
import type { BenchPair } from "./pairs";
import { runCommand } from "./proc";

/** Added and deleted lines of one file; null for a binary file (numstat's "-"). */
export interface LineCount {
  additions: number;
  deletions: number;
}
export type NumStat = Map<string, LineCount | null>;

export interface LineComparison {
  /** Changed lines (added + deleted), summed over the files both sides see as text. */
  ours: number;
  git: number;
  /** Files where pkgdiff's patch changes more lines than git's diff, with both counts. */
  worse: string[];
  /** Files in one numstat but not the other. */
  missing: string[];
  /** Files that one side treats as binary and the other as text (left out of the sums). */
  binaryMismatch: string[];
}

/**
 * Parses `--numstat -z`: "A\tD\tpath\0", or "A\tD\t\0old\0new\0" when the
 * two sides have different names (which `--no-index` on two folders always
 * does). `toPath` maps a raw path to the package path, or undefined to use
 * the other side's.
 */
export function parseNumstatZ(text: string, toPath: (raw: string) => string | undefined): NumStat {
  const tokens = text.split("\0");
  const stats: NumStat = new Map();
  for (let i = 0; i < tokens.length; i++) {
    const match = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/.exec(tokens[i] ?? "");
    if (!match) continue;
    const [, added = "-", deleted = "-", single = ""] = match;
    let file: string | undefined;
    if (single !== "") {
      file = toPath(single);
    } else {
      const oldRaw = tokens[++i] ?? "";
      const newRaw = tokens[++i] ?? "";
      file = toPath(newRaw) ?? toPath(oldRaw);
    }
    if (file === undefined) continue;
    stats.set(file, added === "-" || deleted === "-" ? null : { additions: Number(added), deletions: Number(deleted) });
  }
  return stats;
}

/** Per-file counts of pkgdiff's patch, as git itself reads the patch. */
export async function patchNumstat(patchFile: string): Promise<NumStat> {
  // --numstat only reads the patch; the temp cwd keeps git from looking at this repository.
  const run = await runCommand("git", ["apply", "--numstat", "-z", patchFile], { cwd: tmpdir(), stdout: "capture" });
  return parseNumstatZ(run.stdout, (raw) => raw);
}

/**
 * Per-file counts of git's own histogram diff. --no-renames because pkgdiff
 * pairs files by path only: a rename found by git would compare a different
 * pair of files and say nothing about the line diff.
 */
export async function gitNumstat(pair: BenchPair): Promise<NumStat> {
  const oldName = treeName(pair.name, pair.from);
  const newName = treeName(pair.name, pair.to);
  const run = await runCommand(
    "git",
    ["diff", "--no-index", "--histogram", "--no-renames", "--numstat", "-z", oldName, newName],
    { cwd: TREE_DIR, stdout: "capture", okCodes: [0, 1] },
  );
  const strip = (raw: string): string | undefined => {
    for (const prefix of [`${oldName}/`, `${newName}/`]) if (raw.startsWith(prefix)) return raw.slice(prefix.length);
    return undefined; // /dev/null for an added or removed file
  };
  return parseNumstatZ(run.stdout, strip);
}

export function compareLineCounts(ours: NumStat, git: NumStat): LineComparison {
  const result: LineComparison = { ours: 0, git: 0, worse: [], missing: [], binaryMismatch: [] };
  const changed = (count: LineCount) => count.additions + count.deletions;
  for (const [file, count] of ours) {
    const theirs = git.get(file);
    if (theirs === undefined) {
      result.missing.push(`${file} (only in pkgdiff's patch)`);
    } else if ((count === null) !== (theirs === null)) {
      result.binaryMismatch.push(`${file} (binary for ${count === null ? "pkgdiff" : "git"} only)`);
    } else if (count && theirs) {
      result.ours += changed(count);
      result.git += changed(theirs);
      if (changed(count) > changed(theirs)) result.worse.push(`${file}: ${changed(count)} vs git ${changed(theirs)}`);
    }
  }
  for (const file of git.keys()) if (!ours.has(file)) result.missing.push(`${file} (only in git's diff)`);
  return result;
}
