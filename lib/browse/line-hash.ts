/** A marked run of lines, 1-based and inclusive (`first <= last`). */
export interface LineRange {
  first: number;
  last: number;
}

/**
 * Reads a browse page's line hash: `#L12` or `#L12-L20` (GitHub's form;
 * `#L12-20` and a reversed range are accepted too). Anything else is not a
 * line link.
 *
 * @example
 * parseLineHash("#L12") // → { first: 12, last: 12 }
 * parseLineHash("#L20-L12") // → { first: 12, last: 20 }
 * parseLineHash("#readme") // → undefined
 */
export function parseLineHash(hash: string): LineRange | undefined {
  const match = /^#?L(\d{1,9})(?:-L?(\d{1,9}))?$/.exec(hash);
  if (!match) return undefined;
  const a = Number(match[1]);
  const b = match[2] === undefined ? a : Number(match[2]);
  if (a < 1 || b < 1) return undefined;
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

/**
 * The hash for a range, without the `#`.
 *
 * @example
 * lineHash({ first: 3, last: 3 }) // → "L3"
 * lineHash({ first: 3, last: 9 }) // → "L3-L9"
 */
export function lineHash(range: LineRange): string {
  return range.first === range.last ? `L${range.first}` : `L${range.first}-L${range.last}`;
}

/**
 * What a click on line `line` selects: the line alone, or with shift held,
 * the range between the line clicked before (`anchor`) and this one.
 *
 * @example
 * selectLine(12, 20, true) // → { first: 12, last: 20 }
 * selectLine(12, 5, true) // → { first: 5, last: 12 }
 * selectLine(12, 20, false) // → { first: 20, last: 20 }
 */
export function selectLine(anchor: number | undefined, line: number, extend: boolean): LineRange {
  if (!extend || anchor === undefined) return { first: line, last: line };
  return { first: Math.min(anchor, line), last: Math.max(anchor, line) };
}
