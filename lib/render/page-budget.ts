import type { FileDiff } from "../diff/types";

/**
 * Budgets for the first response of a diff page, like GitHub's: per file at
 * most `maxRowsPerFile` rows and `maxTextPerFile` characters of patch text;
 * per page at most `maxPageBytes` of estimated output. A rendered row costs
 * its highlighted HTML once in the document and again, JSON-escaped, in the
 * RSC payload: measured at about 370 bytes for a short line of code, so the
 * estimate is `ROW_BASE_BYTES + ROW_TEXT_FACTOR × length`.
 */
export interface PageBudget {
  maxRowsPerFile: number;
  maxTextPerFile: number;
  maxPageBytes: number;
}

export const ROW_BASE_BYTES = 300;
export const ROW_TEXT_FACTOR = 4;

export const DEFAULT_PAGE_BUDGET: PageBudget = {
  maxRowsPerFile: 400,
  maxTextPerFile: 20 * 1024,
  maxPageBytes: 2 * 1024 * 1024,
};

/** The characters a hunk header row is counted as. */
const HUNK_HEADER_LENGTH = 20;

/** Estimated page bytes of one rendered row of `length` characters. */
export function rowBytes(length: number): number {
  return ROW_BASE_BYTES + ROW_TEXT_FACTOR * length;
}

/**
 * How many rows of each file the first response renders inline, in file
 * order. The rest of a file (and every file past the page budget) is a
 * placeholder the browser loads when it is scrolled near or clicked.
 * Collapsed files (minified, source maps, lock files) get 0.
 *
 * @example
 * planInlineRows(files) // → [400, 12, 0, ...] (one count per file)
 */
export function planInlineRows(files: readonly FileDiff[], budget: PageBudget = DEFAULT_PAGE_BUDGET): number[] {
  let page = 0;
  return files.map((file) => {
    if (!file.hunks || file.collapsed || page >= budget.maxPageBytes) return 0;
    let rows = 0;
    let text = 0;
    outer: for (const hunk of file.hunks) {
      // The hunk header is a row too (its text is about 20 characters). Lines are read up to
      // where the budget ends: a bundle's one hunk has 100,000s of them.
      for (let i = -1; i < hunk.lines.length; i++) {
        const length = i < 0 ? HUNK_HEADER_LENGTH : hunk.lines[i]!.length;
        const bytes = rowBytes(length);
        if (rows >= budget.maxRowsPerFile || (rows > 0 && text + length > budget.maxTextPerFile) || page + bytes > budget.maxPageBytes) {
          break outer;
        }
        rows++;
        text += length;
        page += bytes;
      }
    }
    // A hunk header with no line under it shows nothing: defer the whole file instead.
    return rows <= 1 ? 0 : rows;
  });
}
