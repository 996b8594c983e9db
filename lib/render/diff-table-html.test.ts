import { describe, expect, it } from "vitest";
import type { DiffRow } from "./diff-rows";
import { diffTableHtml, splitTableHtml } from "./diff-table-html";

const rows: DiffRow[] = [
  { type: "hunk", header: "@@ -1 +1 @@ <x>" },
  { type: "line", kind: "context", oldLine: 1, newLine: 1, text: "same", html: "same" },
  { type: "line", kind: "del", oldLine: 2, text: "x", html: "x" },
  { type: "line", kind: "del", oldLine: 3, text: "x2", html: "x2" },
  { type: "line", kind: "add", newLine: 2, text: "y", html: "y" },
  { type: "no-newline" },
];

describe("diffTableHtml", () => {
  it("renders rows with line numbers as data attributes and escapes the hunk header", () => {
    const html = diffTableHtml(rows);
    expect(html).toContain("<tr class=h><td colspan=3>@@ -1 +1 @@ &lt;x&gt;");
    expect(html).toContain("<tr><td data-l=1><td data-r=1><td>same");
    expect(html).toContain("<tr class=d><td data-l=2><td><td>x");
    expect(html).toContain("<tr class=a><td><td data-r=2><td>y");
    expect(html).toContain("No newline at end of file");
  });
});

describe("splitTableHtml", () => {
  it("puts removed and added lines side by side, padding the shorter run", () => {
    const html = splitTableHtml(rows);
    expect(html).toContain("<tr class=h><td colspan=4>@@ -1 +1 @@ &lt;x&gt;");
    expect(html).toContain("<tr><td data-l=1><td>same<td data-r=1><td>same");
    expect(html).toContain("<tr><td class=d data-l=2><td class=d>x<td class=a data-r=2><td class=a>y");
    expect(html).toContain("<tr><td class=d data-l=3><td class=d>x2<td class=e><td class=e>");
  });
});
