import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DependencyChange, ReviewSummary } from "@/lib/review/types";
import { MAX_DEPENDENCY_ROWS, ReviewPanel } from "./review-panel";

function summaryWith(dependencies: DependencyChange[]): ReviewSummary {
  return {
    headline: "1 notice",
    counts: { attention: 0, notice: 1, info: 0 },
    findings: [{ kind: "dependencies-added", severity: "notice", message: `${dependencies.length} new dependencies` }],
    dependencies,
    scripts: [],
    size: { from: 100, to: 200 },
    files: { from: 1, to: 2 },
  };
}

const added = (count: number): DependencyChange[] =>
  Array.from({ length: count }, (_, i) => ({ name: `dep-${i}`, type: "dependencies", from: null, to: "^1.0.0", change: "added" }));

const render = (dependencies: DependencyChange[]) => renderToStaticMarkup(createElement(ReviewPanel, { summary: summaryWith(dependencies) }));
const rows = (html: string) => html.match(/data-dependency=/g)?.length ?? 0;

describe("ReviewPanel: sizes", () => {
  it("counts files with thousands separators", () => {
    const summary = { ...summaryWith([]), files: { from: 1_501, to: 12_345 } };
    expect(renderToStaticMarkup(createElement(ReviewPanel, { summary }))).toContain("1,501 → 12,345 files");
  });
});

describe("ReviewPanel: dependencies", () => {
  it(`shows ${MAX_DEPENDENCY_ROWS} rows, then says how many more there are`, () => {
    const html = render(added(MAX_DEPENDENCY_ROWS + 3));
    expect(rows(html)).toBe(MAX_DEPENDENCY_ROWS);
    expect(html).toContain('data-dependency="dep-49"');
    expect(html).not.toContain('data-dependency="dep-50"');
    expect(html).toContain("and 3 more changes (all in the JSON)");
  });

  it("shows every row when they fit", () => {
    const html = render(added(MAX_DEPENDENCY_ROWS));
    expect(rows(html)).toBe(MAX_DEPENDENCY_ROWS);
    expect(html).not.toContain("more change");
  });
});
