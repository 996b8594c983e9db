/** `[start, end)` character ranges of a name to mark as matched. */
export type MarkRange = readonly [start: number, end: number];

/**
 * Levenshtein distance, two rows. Names and queries are short (≤ 214).
 *
 * @example
 * editDistance("lodsh", "lodash"); // 1
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The characters of `target` that line up with equal characters of
 * `query` in a cheapest edit script, as merged ranges shifted by `offset`.
 * Used to mark what a fuzzy match has in common with what was typed.
 *
 * @example
 * alignedMarks("lodsh", "lodash", 0); // [[0, 3], [4, 6]]  ("lod" and "sh")
 */
export function alignedMarks(query: string, target: string, offset: number): MarkRange[] {
  const rows = query.length + 1;
  const cols = target.length + 1;
  const cost = new Uint16Array(rows * cols);
  for (let i = 0; i < rows; i++) cost[i * cols] = i;
  for (let j = 0; j < cols; j++) cost[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const same = query[i - 1] === target[j - 1] ? 0 : 1;
      cost[i * cols + j] = Math.min(
        (cost[(i - 1) * cols + j - 1] ?? 0) + same,
        (cost[(i - 1) * cols + j] ?? 0) + 1,
        (cost[i * cols + j - 1] ?? 0) + 1,
      );
    }
  }
  const matched: number[] = [];
  let i = query.length;
  let j = target.length;
  while (i > 0 && j > 0) {
    const here = cost[i * cols + j] ?? 0;
    const same = query[i - 1] === target[j - 1];
    if (same && here === cost[(i - 1) * cols + j - 1]) {
      matched.push(j - 1);
      i--;
      j--;
    } else if (here === (cost[(i - 1) * cols + j - 1] ?? 0) + 1) {
      i--;
      j--;
    } else if (here === (cost[(i - 1) * cols + j] ?? 0) + 1) {
      i--;
    } else {
      j--;
    }
  }
  return toRanges(matched.reverse(), offset);
}

function toRanges(positions: readonly number[], offset: number): MarkRange[] {
  const ranges: [number, number][] = [];
  for (const p of positions) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === p + offset) last[1] += 1;
    else ranges.push([p + offset, p + offset + 1]);
  }
  return ranges;
}

/** One piece of a name for rendering: marked or not. */
export interface MarkedPart {
  text: string;
  marked: boolean;
}

/**
 * Cuts a name into plain and marked parts for display.
 *
 * @example
 * splitMarked("lodash", [[0, 3]]); // [{text:"lod",marked:true},{text:"ash",marked:false}]
 */
export function splitMarked(text: string, marks: readonly MarkRange[]): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    if (end > start) parts.push({ text: text.slice(start, end), marked: true });
    at = Math.max(at, end);
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}
