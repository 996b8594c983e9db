import { formatHunkHeader } from "../diff/hunks";
import type { FileDiff } from "../diff/types";
import { escapeHtml } from "../html/escape";
import type { LineRange } from "../highlight/windows";

/** One row of a rendered unified diff. `html` is escaped (and maybe highlighted) already. */
export type DiffRow =
  | { type: "hunk"; header: string }
  /** Unchanged lines not shown (before a hunk, or after the last): `count` lines from `oldStart`/`newStart`. */
  | { type: "gap"; oldStart: number; newStart: number; count: number; trailing?: boolean }
  | { type: "line"; kind: "context" | "add" | "del"; oldLine?: number; newLine?: number; text: string; html: string }
  | { type: "no-newline" };

/** Highlighted lines of each side of a file, 0-based; missing lines keep their plain HTML. */
export interface SideLines {
  old?: readonly (string | undefined)[];
  new?: readonly (string | undefined)[];
}

/** How many rows `diffRows` makes for a file, without making them. */
export function rowCount(file: FileDiff): number {
  let count = 0;
  let newEnd = 0;
  for (const hunk of file.hunks ?? []) {
    if (gapBefore(hunk, newEnd) > 0) count += 1;
    count += 1 + hunk.lines.length;
    newEnd = hunkNewEnd(hunk);
  }
  return count;
}

interface HunkNumbers {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

/** The last new-side line number a hunk covers (its start minus one when it adds nothing). */
function hunkNewEnd(hunk: HunkNumbers): number {
  return hunk.newLines === 0 ? hunk.newStart : hunk.newStart + hunk.newLines - 1;
}

/** Unchanged lines between the previous hunk (ending at new line `newEnd`) and this one. */
function gapBefore(hunk: HunkNumbers, newEnd: number): number {
  const first = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
  return Math.max(0, first - newEnd - 1);
}

/**
 * Flattens a file's hunks into rows with old/new line numbers; the `html`
 * of each line is its escaped text until `highlightRows` swaps in tokens.
 */
export function diffRows(file: FileDiff): DiffRow[] {
  const rows: DiffRow[] = [];
  let newEnd = 0;
  let oldEnd = 0;
  for (const hunk of file.hunks ?? []) {
    const gap = gapBefore(hunk, newEnd);
    if (gap > 0) rows.push({ type: "gap", oldStart: oldEnd + 1, newStart: newEnd + 1, count: gap });
    newEnd = hunkNewEnd(hunk);
    oldEnd = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart + hunk.oldLines - 1;
    rows.push({ type: "hunk", header: formatHunkHeader(hunk) });
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      const sign = line[0];
      const text = line.slice(1);
      const html = escapeHtml(text);
      if (sign === "\\") {
        rows.push({ type: "no-newline" });
      } else if (sign === "+") {
        rows.push({ type: "line", kind: "add", newLine: newLine++, text, html });
      } else if (sign === "-") {
        rows.push({ type: "line", kind: "del", oldLine: oldLine++, text, html });
      } else {
        rows.push({ type: "line", kind: "context", oldLine: oldLine++, newLine: newLine++, text, html });
      }
    }
  }
  return rows;
}

/**
 * The gap after the last hunk, up to the end of a new side of `newLineCount`
 * lines, or undefined when the hunks reach the end.
 */
export function trailingGap(file: FileDiff, newLineCount: number): Extract<DiffRow, { type: "gap" }> | undefined {
  const last = file.hunks?.at(-1);
  if (!last) return undefined;
  const newEnd = hunkNewEnd(last);
  const oldEnd = last.oldLines === 0 ? last.oldStart : last.oldStart + last.oldLines - 1;
  const count = newLineCount - newEnd;
  return count > 0 ? { type: "gap", oldStart: oldEnd + 1, newStart: newEnd + 1, count, trailing: true } : undefined;
}

/** The 0-based line ranges of each side that `rows` show: what to tokenize. */
export function neededLines(rows: readonly DiffRow[]): { old: LineRange[]; new: LineRange[] } {
  const ranges = { old: [] as LineRange[], new: [] as LineRange[] };
  const add = (list: LineRange[], line: number) => {
    const last = list.at(-1);
    if (last && line - 1 <= last.end + 1) last.end = Math.max(last.end, line - 1);
    else list.push({ start: line - 1, end: line - 1 });
  };
  for (const row of rows) {
    if (row.type !== "line") continue;
    // Context lines are taken from the new side, deleted lines from the old.
    if (row.kind === "del" && row.oldLine !== undefined) add(ranges.old, row.oldLine);
    else if (row.newLine !== undefined) add(ranges.new, row.newLine);
  }
  return ranges;
}

/** Rows with each line's HTML taken from its side's highlighted lines where there is one. */
export function highlightRows(rows: readonly DiffRow[], sides: SideLines): DiffRow[] {
  return rows.map((row) => {
    if (row.type !== "line") return row;
    const html = row.kind === "del" ? sides.old?.[(row.oldLine ?? 0) - 1] : sides.new?.[(row.newLine ?? 0) - 1];
    return html === undefined ? row : { ...row, html };
  });
}

type LineRow = Extract<DiffRow, { type: "line" }>;

/**
 * Runs of removed lines followed by added lines, paired in order (GitHub
 * pairs them the same way): the lines split view shows side by side and
 * word-level marks compare. Unpaired lines come back with a missing side.
 */
export function pairChanges(rows: readonly DiffRow[]): ({ del?: LineRow; add?: LineRow } | DiffRow)[] {
  const out: ({ del?: LineRow; add?: LineRow } | DiffRow)[] = [];
  let i = 0;
  while (i < rows.length) {
    const row = rows[i]!;
    if (row.type !== "line" || row.kind === "context") {
      out.push(row);
      i++;
      continue;
    }
    const dels: LineRow[] = [];
    const adds: LineRow[] = [];
    while (i < rows.length && rows[i]!.type === "line" && (rows[i] as LineRow).kind === "del") dels.push(rows[i++] as LineRow);
    while (i < rows.length && rows[i]!.type === "line" && (rows[i] as LineRow).kind === "add") adds.push(rows[i++] as LineRow);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) out.push({ del: dels[k], add: adds[k] });
  }
  return out;
}
