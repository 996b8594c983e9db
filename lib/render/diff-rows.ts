import type { FileDiff } from "../diff/types";
import { escapeHtml } from "../html/escape";

/** One row of a rendered unified diff. `html` is escaped (and highlighted) already. */
export type DiffRow =
  | { type: "hunk"; header: string }
  | { type: "line"; kind: "context" | "add" | "del"; oldLine?: number; newLine?: number; html: string }
  | { type: "no-newline" };

/** Highlighted lines of each side of a file, 0-based; missing lines fall back to escaped text. */
export interface SideLines {
  old?: readonly string[];
  new?: readonly string[];
}

/**
 * Flattens a file's hunks into rows with old/new line numbers, taking each
 * line's HTML from the highlighted whole file of its side.
 */
export function diffRows(file: FileDiff, sides: SideLines, maxRows = Number.POSITIVE_INFINITY): { rows: DiffRow[]; truncated: boolean } {
  const rows: DiffRow[] = [];
  for (const hunk of file.hunks ?? []) {
    if (rows.length >= maxRows) return { rows, truncated: true };
    rows.push({ type: "hunk", header: hunkHeader(hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines) });
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      if (rows.length >= maxRows) return { rows, truncated: true };
      const sign = line[0];
      const text = line.slice(1);
      if (sign === "\\") {
        rows.push({ type: "no-newline" });
      } else if (sign === "+") {
        rows.push({ type: "line", kind: "add", newLine, html: sides.new?.[newLine - 1] ?? escapeHtml(text) });
        newLine += 1;
      } else if (sign === "-") {
        rows.push({ type: "line", kind: "del", oldLine, html: sides.old?.[oldLine - 1] ?? escapeHtml(text) });
        oldLine += 1;
      } else {
        rows.push({
          type: "line",
          kind: "context",
          oldLine,
          newLine,
          html: sides.new?.[newLine - 1] ?? escapeHtml(text),
        });
        oldLine += 1;
        newLine += 1;
      }
    }
  }
  return { rows, truncated: false };
}

/** `@@ -a,b +c,d @@` as git writes it (a count of 1 is left out). */
export function hunkHeader(oldStart: number, oldLines: number, newStart: number, newLines: number): string {
  const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
  return `@@ -${range(oldStart, oldLines)} +${range(newStart, newLines)} @@`;
}
