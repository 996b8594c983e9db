/**
 * A run of a file's lines as one compact HTML table. Like the diff table
 * (lib/render/diff-table-html.ts) every byte per row counts, because a
 * server component's output is sent twice (HTML and RSC payload): closing
 * `</td>`/`</tr>` are left out, and the line number is a `data-n`
 * attribute that CSS shows and the viewer turns into `#L<n>` links.
 * `rowsHtml` is already escaped/highlighted HTML, one entry per line.
 *
 * @example
 * codeTableHtml(["a", "b"], 9)
 * // → '<table class="code hl"><tbody><tr><td data-n=10><td>a<tr><td data-n=11><td>b</tbody></table>'
 */
export function codeTableHtml(rowsHtml: readonly string[], firstIndex: number): string {
  const parts = ['<table class="code hl"><tbody>'];
  rowsHtml.forEach((html, i) => parts.push(`<tr><td data-n=${firstIndex + i + 1}><td>${html}`));
  parts.push("</tbody></table>");
  return parts.join("");
}
