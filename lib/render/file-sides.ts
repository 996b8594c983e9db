import "server-only";
import type { FileDiff } from "../diff/types";
import { highlightLines } from "../highlight/highlighter";
import { languageForPath } from "../highlight/language";
import type { PackageTree } from "../tarball/types";
import type { SideLines } from "./diff-rows";

const decoder = new TextDecoder("utf-8");

function textOf(tree: PackageTree, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const entry = tree.entries.get(path);
  return entry?.kind === "file" && !entry.binary ? decoder.decode(entry.bytes) : undefined;
}

/** Both sides of a changed file, highlighted whole, one HTML string per line. */
export async function highlightSides(file: FileDiff, oldTree: PackageTree, newTree: PackageTree): Promise<SideLines> {
  if (!file.hunks?.length) return {};
  const lang = languageForPath(file.path);
  const oldText = file.status === "added" ? undefined : textOf(oldTree, file.oldPath ?? file.path);
  const newText = file.status === "removed" ? undefined : textOf(newTree, file.path);
  const [oldLines, newLines] = await Promise.all([
    oldText === undefined ? undefined : highlightLines(oldText, lang),
    newText === undefined ? undefined : highlightLines(newText, lang),
  ]);
  return { old: oldLines, new: newLines };
}
