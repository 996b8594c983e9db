/**
 * How a file's lines are cut into slices: the page renders the first slice,
 * the viewer fetches the others when they scroll near (or when a line link
 * points into them). Slices end at {@link SLICE_LINES} lines or
 * {@link SLICE_CHARS} characters, whichever comes first, so a slice of a
 * minified file stays as light as one of ordinary code.
 */
export const SLICE_LINES = 500;
export const SLICE_CHARS = 200_000;
/** Longer lines are cut when shown (the raw file and the pretty-printed view have them whole). */
export const MAX_LINE_CHARS = 20_000;

/**
 * The first line index of every slice (always starting with 0; none for an
 * empty file). Deterministic, so the page and the slice endpoint agree.
 *
 * @example
 * planSlices([10, 10, 10], { lines: 2, chars: 100 }) // → [0, 2]
 * planSlices([60, 60, 60], { lines: 10, chars: 100 }) // → [0, 1, 2]
 */
export function planSlices(
  lineLengths: ArrayLike<number>,
  limits: { lines: number; chars: number } = { lines: SLICE_LINES, chars: SLICE_CHARS },
): number[] {
  const starts: number[] = [];
  let lines = 0;
  let chars = 0;
  for (let i = 0; i < lineLengths.length; i++) {
    const length = Math.min(lineLengths[i] ?? 0, MAX_LINE_CHARS);
    if (i === 0 || lines >= limits.lines || (lines > 0 && chars + length > limits.chars)) {
      starts.push(i);
      lines = 0;
      chars = 0;
    }
    lines += 1;
    chars += length;
  }
  return starts;
}

/**
 * The slice (`[start, end)` line indexes) that holds line index `line`.
 *
 * @example
 * sliceOf([0, 1000, 2000], 2500, 1500) // → { start: 1000, end: 2000 }
 */
export function sliceOf(starts: readonly number[], lineCount: number, line: number): { start: number; end: number } | undefined {
  if (line < 0 || line >= lineCount || starts.length === 0) return undefined;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= line) lo = mid;
    else hi = mid - 1;
  }
  return { start: starts[lo] ?? 0, end: starts[lo + 1] ?? lineCount };
}
