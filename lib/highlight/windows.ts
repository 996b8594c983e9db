/** A 0-based, inclusive range of lines. */
export interface LineRange {
  start: number;
  end: number;
}

/**
 * The lines to tokenize for the ranges a diff shows. A grammar's state at a
 * line depends on everything before it (think of a block comment), so small
 * files are tokenized whole; in big files each range gets `lead` lines of
 * run-up, which is right in practice and keeps a 3-line change in a 9 MB
 * file from tokenizing 9 MB.
 *
 * @example
 * tokenWindows([{ start: 500, end: 510 }], 10_000, { wholeFileLines: 5_000, lead: 100 })
 * // → [{ start: 400, end: 510 }]
 */
export function tokenWindows(
  needed: readonly LineRange[],
  lineCount: number,
  { wholeFileLines, lead }: { wholeFileLines: number; lead: number },
): LineRange[] {
  if (needed.length === 0 || lineCount === 0) return [];
  if (lineCount <= wholeFileLines) return [{ start: 0, end: lineCount - 1 }];
  const sorted = [...needed].sort((a, b) => a.start - b.start);
  const windows: LineRange[] = [];
  for (const range of sorted) {
    const start = Math.max(0, range.start - lead);
    const end = Math.min(lineCount - 1, range.end);
    const last = windows.at(-1);
    if (last && start <= last.end + 1) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}
