import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PackageTree } from "../tarball/types";

/** Writes a tree's files (with their modes) under `dir`, as a package unpacked on disk. */
export async function writeTree(tree: PackageTree, dir: string) {
  for (const entry of tree.entries.values()) {
    if (entry.kind !== "file") continue;
    const file = path.join(dir, entry.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, entry.bytes);
    await chmod(file, entry.mode);
  }
}

/** Every file under `dir` (`.git` left out), as sorted `/`-separated paths. */
export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    if (entry.name === ".git") continue;
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}
