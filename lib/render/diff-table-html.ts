import { escapeHtml } from "../html/escape";
import { lineAnchor } from "./anchors";
import type { DiffRow } from "./diff-rows";

/**
 * A unified diff table as one HTML string. Built here rather than as React
 * elements because a server component's elements are sent twice (as HTML and
 * again in the RSC payload): one string per file keeps big diffs light.
 * Row `html` is already escaped; anchors and paths are escaped here.
 */
export function diffTableHtml(path: string, rows: readonly DiffRow[]): string {
  const parts: string[] = ['<table class="diff hl"><colgroup><col class="num"><col class="num"><col></colgroup><tbody>'];
  for (const row of rows) {
    if (row.type === "hunk") {
      parts.push(`<tr class="hunk"><td colspan="3">${escapeHtml(row.header)}</td></tr>`);
    } else if (row.type === "no-newline") {
      parts.push('<tr class="no-newline"><td class="num"></td><td class="num"></td><td class="code">\\ No newline at end of file</td></tr>');
    } else {
      parts.push(
        `<tr class="${row.kind}">${numCell(path, "L", row.oldLine)}${numCell(path, "R", row.newLine)}<td class="code">${row.html}</td></tr>`,
      );
    }
  }
  parts.push("</tbody></table>");
  return parts.join("");
}

function numCell(path: string, side: "L" | "R", line: number | undefined): string {
  if (line === undefined) return '<td class="num"></td>';
  const id = escapeHtml(lineAnchor(path, side, line));
  return `<td class="num" id="${id}"><a href="#${id}">${line}</a></td>`;
}
