import { LruCache } from "../cache/lru";
import type { FileDiff } from "../diff/types";
import type { PackageTree } from "../tarball/types";
import { diffRows } from "./diff-rows";
import { diffTableHtml } from "./diff-table-html";
import { highlightSides } from "./file-sides";

export interface RenderedFile {
  html: string;
  /** True when the table stops at the row limit (the patch has the rest). */
  truncated: boolean;
}

// Rendered tables of canonical diffs never change: keep the hot ones (bounded by bytes).
const rendered = new LruCache<string, RenderedFile>(256 * 1024 * 1024, (r) => r.html.length * 2 + 64);

/**
 * One file's diff table, highlighted, as HTML. `cacheKey` names the diff
 * (registry, versions, options, engine version); the file path is added here.
 */
export async function renderFileTable(
  cacheKey: string,
  file: FileDiff,
  oldTree: PackageTree,
  newTree: PackageTree,
  maxRows: number,
): Promise<RenderedFile> {
  const key = `${cacheKey}\0${file.path}\0${maxRows}`;
  const hit = rendered.get(key);
  if (hit) return hit;
  const result = await renderFileHtml(file, oldTree, newTree, maxRows);
  rendered.set(key, result);
  return result;
}

/** Highlights and renders one file's diff table (uncached; pure apart from the shared highlighter). */
export async function renderFileHtml(
  file: FileDiff,
  oldTree: PackageTree,
  newTree: PackageTree,
  maxRows: number,
): Promise<RenderedFile> {
  const sides = await highlightSides(file, oldTree, newTree);
  const { rows, truncated } = diffRows(file, sides, maxRows);
  return { html: diffTableHtml(file.path, rows), truncated };
}
