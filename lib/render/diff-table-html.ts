import { escapeHtml } from "../html/escape";
import { type DiffRow, pairChanges } from "./diff-rows";

const ROW_CLASS = { context: "", add: " class=a", del: " class=d" } as const;

/**
 * A unified diff table as one HTML string. Built here rather than as React
 * elements because a server component's output is sent twice (as HTML and
 * again, escaped, in the RSC payload), so every byte per row counts:
 * - `</td>` and `</tr>` are left out (optional in HTML; the parser closes them);
 * - line numbers are `data-l` (old) / `data-r` (new) attributes that CSS
 *   shows; the viewer turns clicks on them into `#file-<path>-R<n>` links
 *   and resolves such hashes itself (`components/diff/line-anchor.ts`).
 * Row `html` is already escaped; the hunk header is escaped here.
 */
export function diffTableHtml(rows: readonly DiffRow[]): string {
  const parts: string[] = ["<table class=\"diff hl\"><colgroup><col class=num><col class=num><col></colgroup><tbody>"];
  for (const row of rows) {
    if (row.type === "hunk") {
      parts.push(`<tr class=h><td colspan=3>${escapeHtml(row.header)}`);
    } else if (row.type === "gap") {
      parts.push(gapRowHtml(row, 3));
    } else if (row.type === "no-newline") {
      parts.push("<tr class=nn><td><td><td>\\ No newline at end of file");
    } else {
      const l = row.oldLine === undefined ? "<td>" : `<td data-l=${row.oldLine}>`;
      const r = row.newLine === undefined ? "<td>" : `<td data-r=${row.newLine}>`;
      parts.push(`<tr${ROW_CLASS[row.kind]}>${l}${r}<td>${row.html}`);
    }
  }
  parts.push("</tbody></table>");
  return parts.join("");
}

/**
 * The split (side-by-side) table: old on the left, new on the right, runs of
 * removed and added lines paired row by row. Same compact markup as the
 * unified table; each cell carries its side's class (`d`/`a`).
 */
export function splitTableHtml(rows: readonly DiffRow[]): string {
  const parts: string[] = [
    "<table class=\"diff split hl\"><colgroup><col class=num><col><col class=num><col></colgroup><tbody>",
  ];
  for (const item of pairChanges(rows)) {
    if ("type" in item) {
      if (item.type === "hunk") parts.push(`<tr class=h><td colspan=4>${escapeHtml(item.header)}`);
      else if (item.type === "gap") parts.push(gapRowHtml(item, 4));
      else if (item.type === "no-newline") parts.push("<tr class=nn><td><td>\\ No newline at end of file<td><td>");
      else parts.push(`<tr><td data-l=${item.oldLine}><td>${item.html}<td data-r=${item.newLine}><td>${item.html}`);
      continue;
    }
    const left = item.del ? `<td class=d data-l=${item.del.oldLine}><td class=d>${item.del.html}` : "<td class=e><td class=e>";
    const right = item.add ? `<td class=a data-r=${item.add.newLine}><td class=a>${item.add.html}` : "<td class=e><td class=e>";
    parts.push(`<tr>${left}${right}`);
  }
  parts.push("</tbody></table>");
  return parts.join("");
}

/** Gaps this small expand whole; bigger ones offer 20 lines from either end too. */
export const EXPAND_STEP = 20;

/**
 * A row standing for unchanged lines that are not shown, with buttons the
 * viewer's script turns into "show more" (components/diff/context-expander.tsx).
 * Its data attributes say which lines: `data-o` / `data-n` first old/new line, `data-c` count.
 */
function gapRowHtml(gap: Extract<DiffRow, { type: "gap" }>, columns: number): string {
  const buttons: string[] = [];
  if (gap.count > EXPAND_STEP) {
    // "down" reveals the lines right after the previous hunk, "up" those right before the next one.
    if (gap.newStart > 1) buttons.push(`<button type=button data-x=down>↓ ${EXPAND_STEP} lines</button>`);
    if (!gap.trailing) buttons.push(`<button type=button data-x=up>↑ ${EXPAND_STEP} lines</button>`);
  }
  const noun = gap.count === 1 ? "line" : "lines";
  buttons.push(`<button type=button data-x=all>↕ Show ${gap.count} unchanged ${noun}</button>`);
  return `<tr class=g data-o=${gap.oldStart} data-n=${gap.newStart} data-c=${gap.count}><td colspan=${columns}>${buttons.join("")}`;
}
