import type { PackageEntry } from "../tarball/types";

/** git's mode for a regular file: only the owner's execute bit counts (canon_mode() in git). */
export function gitFileMode(mode: number): "100644" | "100755" {
  return (mode & 0o100) !== 0 ? "100755" : "100644";
}

/** The git mode an entry would have in a repository, or undefined when git cannot store it. */
export function gitEntryMode(entry: PackageEntry): "100644" | "100755" | "120000" | undefined {
  if (entry.kind === "file") return gitFileMode(entry.mode);
  if (entry.kind === "symlink") return "120000";
  return undefined;
}
