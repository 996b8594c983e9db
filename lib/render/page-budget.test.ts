import { describe, expect, it } from "vitest";
import type { FileDiff } from "../diff/types";
import { planInlineRows, rowBytes } from "./page-budget";

function fileWith(lines: number, width = 10, extra: Partial<FileDiff> = {}): FileDiff {
  const body = Array.from({ length: lines }, (_, i) => `+${String(i).padEnd(width, "x")}`);
  return {
    path: "f",
    status: "added",
    binary: false,
    oldSize: 0,
    newSize: 0,
    additions: lines,
    deletions: 0,
    hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: lines, lines: body }],
    ...extra,
  };
}

describe("planInlineRows", () => {
  // Lines of fileWith(n) are 11 characters; hunk headers count as 20.
  const header = rowBytes(20);
  const row = rowBytes(11);

  it("reads a hunk's lines only up to where the budget ends (a bundle's hunk has 100,000s)", () => {
    const file = fileWith(100_000);
    const lines = file.hunks![0]!.lines;
    const read = new Set<string>();
    const counted = new Proxy(lines, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) read.add(key);
        return Reflect.get(target, key, receiver);
      },
    });
    const plan = planInlineRows([{ ...file, hunks: [{ ...file.hunks![0]!, lines: counted }] }]);
    expect(plan).toEqual([400]);
    // The header row and 399 lines are shown; the 400th line read is the one that did not fit.
    expect(read.size).toBeLessThanOrEqual(400);
  });

  it("renders small files whole", () => {
    expect(planInlineRows([fileWith(5)])).toEqual([6]);
  });

  it("caps rows per file and bytes per page, then defers whole files", () => {
    const budget = { maxRowsPerFile: 200, maxTextPerFile: 1e9, maxPageBytes: header + 199 * row + header + 49 * row + 5 };
    // File 1 hits the row cap (header + 199 rows), file 2 the page budget (header + 49 rows),
    // and file 3 gets nothing.
    expect(planInlineRows([fileWith(500), fileWith(500), fileWith(10)], budget)).toEqual([200, 50, 0]);
  });

  it("caps patch text per file, and gives collapsed and hunkless files nothing", () => {
    const budget = { maxRowsPerFile: 100, maxTextPerFile: 20 + 2 * 1001 + 5, maxPageBytes: 1e9 };
    const plan = planInlineRows(
      [fileWith(50, 1000), fileWith(3, 10, { collapsed: "minified" }), { ...fileWith(1), hunks: undefined }],
      budget,
    );
    expect(plan).toEqual([3, 0, 0]); // the header and two 1,001-character lines fit
  });

  it("keeps the default page budget near GitHub's: a few thousand short rows", () => {
    const files = Array.from({ length: 100 }, () => fileWith(300));
    const rows = planInlineRows(files).reduce((a, b) => a + b, 0);
    expect(rows).toBeGreaterThan(3_000);
    expect(rows).toBeLessThan(12_000);
  });
});
