import { describe, expect, it } from "vitest";
import { diffTableHtml } from "./diff-table-html";

describe("diffTableHtml", () => {
  it("renders rows with line numbers as data attributes and escapes the hunk header", () => {
    const html = diffTableHtml([
      { type: "hunk", header: "@@ -1 +1 @@ <x>" },
      { type: "line", kind: "context", oldLine: 1, newLine: 1, html: "same" },
      { type: "line", kind: "del", oldLine: 2, html: "x" },
      { type: "line", kind: "add", newLine: 2, html: "y" },
      { type: "no-newline" },
    ]);
    expect(html).toContain("<tr class=h><td colspan=3>@@ -1 +1 @@ &lt;x&gt;");
    expect(html).toContain("<tr><td data-l=1><td data-r=1><td>same");
    expect(html).toContain("<tr class=d><td data-l=2><td><td>x");
    expect(html).toContain("<tr class=a><td><td data-r=2><td>y");
    expect(html).toContain("No newline at end of file");
  });
});
