import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FileTree, type TreeFile } from "./file-tree";

const files = (count: number): TreeFile[] =>
  Array.from({ length: count }, (_, i) => ({ path: `lib/m${i}.js`, status: "modified", additions: 1_200, deletions: 3, anchor: `diff-${i}` }));

describe("FileTree", () => {
  it("counts the files with thousands separators, as the page's other counts", () => {
    const html = renderToStaticMarkup(createElement(FileTree, { files: files(1_234) }));
    expect(html).toContain("1,234 files");
    expect(html).not.toContain("1234 files");
    // Each file's counts too.
    expect(html).toContain("+1,200");
    expect(html).not.toContain("+1200");
  });

  it("writes counts under a thousand as they are", () => {
    expect(renderToStaticMarkup(createElement(FileTree, { files: files(7) }))).toContain("7 files");
  });
});
