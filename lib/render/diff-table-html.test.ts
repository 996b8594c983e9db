import { describe, expect, it } from "vitest";
import { diffTableHtml } from "./diff-table-html";

describe("diffTableHtml", () => {
  it("renders rows with line anchors and escapes the path in ids and links", () => {
    const html = diffTableHtml('a"<b>.js', [
      { type: "hunk", header: "@@ -1 +1 @@" },
      { type: "line", kind: "del", oldLine: 1, html: "x" },
      { type: "line", kind: "add", newLine: 1, html: "y" },
      { type: "no-newline" },
    ]);
    expect(html).toContain('<tr class="hunk"><td colspan="3">@@ -1 +1 @@</td></tr>');
    expect(html).toContain('id="file-a%22%3Cb%3E.js-L1"');
    expect(html).toContain('href="#file-a%22%3Cb%3E.js-R1"');
    expect(html).not.toContain("<b>");
    expect(html).toContain("No newline at end of file");
  });
});
