import type { FileDiff } from "../diff/types";
import type { PackageTree } from "../tarball/types";
import { type DiffRow, diffRows, highlightRows, neededLines, trailingGap } from "./diff-rows";
import { diffTableHtml, splitTableHtml } from "./diff-table-html";
import { highlightSides } from "./file-sides";
import { markWordChanges } from "./word-marks";

/** A run of a file's rows: `start` (0-based) and at most `count` rows, in a view (default unified). */
export interface RowSlice {
  start: number;
  count: number;
  view?: "unified" | "split";
  /** Skip highlighting (escaped text only): the fallback when highlighting ran out of time. */
  plain?: boolean;
}

export interface RenderedSlice {
  html: string;
  /** First row rendered and one past the last. */
  start: number;
  end: number;
  totalRows: number;
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
  const end = start + part.length;
  const sides = slice.plain ? {} : await highlightSides(file, oldTree, newTree, neededLines(part));
  const rows = markWordChanges(highlightRows(part, sides));
  const tail = end === all.length && file.status !== "removed" ? trailingGap(file, lineCount(newTree, file.path)) : undefined;
  if (tail) rows.push(tail);
  return { html: tableHtml(rows, slice.view), start, end, totalRows: all.length };
}

function tableHtml(rows: DiffRow[], view: RowSlice["view"]): string {
  return view === "split" ? splitTableHtml(rows) : diffTableHtml(rows);
}

function lineCount(tree: PackageTree, path: string): number {
  const entry = tree.entries.get(path);
  if (entry?.kind !== "file" || entry.bytes.length === 0) return 0;
  let count = 0;
  for (let i = entry.bytes.indexOf(10); i !== -1; i = entry.bytes.indexOf(10, i + 1)) count++;
  return entry.bytes[entry.bytes.length - 1] === 10 ? count : count + 1;
}

/** Unchanged lines of a file that its hunks left out, rendered as context rows (for "show more"). */
export interface ContextRange {
  oldStart: number;
  newStart: number;
  count: number;
  view?: RowSlice["view"];
}

/** Most context lines one request renders. */
export const MAX_CONTEXT_LINES = 2_000;

/**
 * Context rows for `count` lines from new line `newStart` (old line
 * `oldStart`), highlighted, clamped to the file: what "show more" inserts.
 */
export async function renderContext(file: FileDiff, oldTree: PackageTree, newTree: PackageTree, range: ContextRange): Promise<string> {
  const total = lineCount(newTree, file.path);
  const first = Math.max(1, range.newStart);
  const last = Math.min(total, first + Math.min(range.count, MAX_CONTEXT_LINES) - 1);
  if (last < first) return tableHtml([], range.view);
  const sides = await highlightSides(file, oldTree, newTree, { old: [], new: [{ start: first - 1, end: last - 1 }] });
  const rows: DiffRow[] = [];
  for (let n = first; n <= last; n++) {
    const html = sides.new?.[n - 1] ?? "";
    rows.push({ type: "line", kind: "context", oldLine: range.oldStart + (n - first), newLine: n, text: "", html });
  }
  return tableHtml(rows, range.view);
}
