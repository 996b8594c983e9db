import { LruCache } from "../cache/lru";
import type { FileDiff } from "../diff/types";
import type { PackageTree } from "../tarball/types";
import { diffRows, highlightRows, neededLines } from "./diff-rows";
import { diffTableHtml, splitTableHtml } from "./diff-table-html";
import { highlightSides } from "./file-sides";
import { markWordChanges } from "./word-marks";

/** A run of a file's rows: `start` (0-based) and at most `count` rows, in a view (default unified). */
export interface RowSlice {
  start: number;
  count: number;
  view?: "unified" | "split";
}

export interface RenderedSlice {
  html: string;
  /** First row rendered and one past the last. */
  start: number;
  end: number;
  totalRows: number;
}

// Rendered slices of canonical diffs never change: keep the hot ones (bounded by bytes).
const rendered = new LruCache<string, RenderedSlice>(256 * 1024 * 1024, (r) => r.html.length * 2 + 64);

/**
 * A slice of one file's diff table, highlighted, as HTML. `cacheKey` names
 * the diff (registry, versions, options, engine version).
 */
export async function renderFileTable(
  cacheKey: string,
  file: FileDiff,
  oldTree: PackageTree,
  newTree: PackageTree,
  slice: RowSlice,
): Promise<RenderedSlice> {
  const key = `${cacheKey}\0${file.path}\0${slice.start}\0${slice.count}\0${slice.view ?? "unified"}`;
  const hit = rendered.get(key);
  if (hit) return hit;
  const result = await renderFileHtml(file, oldTree, newTree, slice);
  rendered.set(key, result);
  return result;
}

/** Highlights and renders a slice of one file's diff table (uncached). Only the lines shown are tokenized. */
export async function renderFileHtml(
  file: FileDiff,
  oldTree: PackageTree,
  newTree: PackageTree,
  slice: RowSlice,
): Promise<RenderedSlice> {
  const all = diffRows(file);
  const start = Math.min(slice.start, all.length);
  const part = all.slice(start, start + slice.count);
  const sides = await highlightSides(file, oldTree, newTree, neededLines(part));
  const rows = markWordChanges(highlightRows(part, sides));
  return {
    html: slice.view === "split" ? splitTableHtml(rows) : diffTableHtml(rows),
    start,
    end: start + part.length,
    totalRows: all.length,
  };
}
