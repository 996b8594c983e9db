import { lstat, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CommandError, runCommand } from "./proc";

export interface ApplyCheck {
  /** `git apply --check` accepted the patch. */
  applies: boolean;
  /** After a real `git apply`, the old tree equals the new one: bytes, file set, symlinks and execute bits. */
  identical: boolean;
  /** What failed, a few lines at most. */
  problems: string[];
}

const MAX_PROBLEMS = 8;

/**
 * Applies `patchFile` to a copy of `oldTree` and compares the result with
 * `newTree`. The copy lives in a temp folder outside this repository, with
 * its git dir beside it rather than inside it: git apply run within another
 * repo silently skips paths outside the cwd, and a `.git` folder in the copy
 * would show up in `diff -r`, which must exclude nothing.
 */
export async function checkPatchApplies(patchFile: string, oldTree: string, newTree: string): Promise<ApplyCheck> {
  const temp = await mkdtemp(path.join(tmpdir(), "pkgdiff-bench-apply-"));
  try {
    const work = path.join(temp, "work");
    const gitDir = path.join(temp, "git");
    await runCommand("cp", ["-a", oldTree, work]);
    await runCommand("git", ["init", "-q", gitDir]);
    const git = (args: string[]) =>
      runCommand("git", [`--git-dir=${gitDir}`, `--work-tree=${work}`, ...args], { cwd: work, stdout: "capture" });

    try {
      await git(["apply", "--check", patchFile]);
    } catch (error) {
      return { applies: false, identical: false, problems: [firstLines(errorText(error))] };
    }
    try {
      await git(["apply", patchFile]);
    } catch (error) {
      return { applies: false, identical: false, problems: [`check passed but apply failed: ${firstLines(errorText(error))}`] };
    }

    const problems: string[] = [];
    const diff = await runCommand("diff", ["-r", "-q", "--no-dereference", work, newTree], {
      stdout: "capture",
      okCodes: [0, 1],
    });
    if (diff.code === 1) {
      problems.push(...diff.stdout.trim().split("\n").map((line) => line.replaceAll(`${work}/`, "").replaceAll(`${newTree}/`, "")));
    }
    problems.push(...(await executeBitDifferences(work, newTree)));
    return { applies: true, identical: problems.length === 0, problems: problems.slice(0, MAX_PROBLEMS) };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Files whose execute bit differs: the one mode bit a git patch carries, which `diff -r` ignores. */
async function executeBitDifferences(a: string, b: string, rel = ""): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(a, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      found.push(...(await executeBitDifferences(a, b, child)));
      continue;
    }
    if (!entry.isFile()) continue;
    const other = await lstat(path.join(b, child)).catch(() => undefined);
    if (!other?.isFile()) continue; // diff -r already reports a missing or retyped file.
    const mine = await lstat(path.join(a, child));
    if ((mine.mode & 0o111) !== 0 !== ((other.mode & 0o111) !== 0)) {
      found.push(`mode ${child}: ${(mine.mode & 0o777).toString(8)} vs ${(other.mode & 0o777).toString(8)}`);
    }
  }
  return found;
}

function errorText(error: unknown): string {
  if (error instanceof CommandError) return error.stderr;
  return error instanceof Error ? error.message : String(error);
}

function firstLines(text: string): string {
  return text.trim().split("\n").slice(0, 3).join(" / ");
}
