import type { FileDiff } from "../diff/types";
import { fileAnchor } from "../render/anchors";

/** A line of a diff with its number on its own side. */
export interface NumberedLine {
  /** "+" added (numbered on the new side) or "-" removed (numbered on the old side). */
  sign: "+" | "-";
  line: number;
  text: string;
}

/**
 * The anchor of one line on the diff page, the way the viewer names it
 * (components/diff/line-anchor.ts): `R` new side, `L` old side.
 *
 * @example
 * lineAnchor("lib/a.js", "+", 12) // → "file-lib/a.js-R12"
 * lineAnchor("lib/a.js", "-", 3) // → "file-lib/a.js-L3"
 */
export function lineAnchor(path: string, sign: "+" | "-", line: number): string {
  return `${fileAnchor(path)}-${sign === "+" ? "R" : "L"}${line}`;
}

/**
 * One side of a file's changed lines as they are stored: collected
 * without a copy or an object per line (a bundle has tens of thousands;
 * most are only tested, joined, and never looked at one by one).
 */
export interface LineSide {
  sign: "+" | "-";
  /** The lines, each still starting with `skip` characters that are not its text (hunk lines: the sign). */
  lines: string[];
  skip: 0 | 1;
  /** Each line's number on its own side. */
  numbers: number[];
  /** Lines of which only a part of the text needs reading: [start, end) in the text (see narrowReplaced). */
  parts?: Map<number, [start: number, end: number]>;
}

/**
 * The text of line `i` of a side: without its sign, only its part when it has one.
 *
 * @example
 * textOf({ sign: "+", lines: ["+abcdef"], skip: 1, numbers: [1], parts: new Map([[0, [1, 3]]]) }, 0) // → "bc"
 */
export function textOf(side: LineSide, i: number): string {
  const stored = side.lines[i]!;
  const part = side.parts?.get(i);
  return part ? stored.slice(side.skip + part[0], side.skip + part[1]) : stored.slice(side.skip);
}

/**
 * Calls `visit` with each added and removed line of a file's hunks as
 * stored (its sign first), numbered on its own side. Context lines only
 * advance the counters; the "\ No newline" marker is skipped.
 */
function eachChangedLine(file: Pick<FileDiff, "hunks">, visit: (sign: "+" | "-", line: number, stored: string) => void): void {
  for (const hunk of file.hunks ?? []) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      const sign = line.charCodeAt(0);
      if (sign === 43 /* + */) visit("+", newLine++, line);
      else if (sign === 45 /* - */) visit("-", oldLine++, line);
      else if (sign === 32 /* space */) {
        oldLine++;
        newLine++;
      }
    }
  }
}

/**
 * The added and removed lines of a file's hunks, numbered, in order; `only`
 * keeps one sign.
 *
 * @example
 * changedLines({ hunks: [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [" a", "-b", "+c"] }] })
 * // → [{ sign: "-", line: 2, text: "b" }, { sign: "+", line: 2, text: "c" }]
 */
export function changedLines(file: Pick<FileDiff, "hunks">, only?: "+" | "-"): NumberedLine[] {
  const lines: NumberedLine[] = [];
  eachChangedLine(file, (sign, line, stored) => {
    if (only === undefined || sign === only) lines.push({ sign, line, text: stored.slice(1) });
  });
  return lines;
}

/**
 * A file's added or removed lines as a LineSide.
 *
 * @example
 * changedSide({ hunks: [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [" a", "-b", "+c"] }] }, "+")
 * // → { sign: "+", lines: ["+c"], skip: 1, numbers: [2] }
 */
export function changedSide(file: Pick<FileDiff, "hunks">, sign: "+" | "-"): LineSide {
  const side: LineSide = { sign, lines: [], skip: 1, numbers: [] };
  eachChangedLine(file, (lineSign, line, stored) => {
    if (lineSign !== sign) return;
    side.lines.push(stored);
    side.numbers.push(line);
  });
  return side;
}

/**
 * Every line of a file as added lines numbered from 1: for added files
 * whose hunks were not kept (too large, over budget, collapsed).
 *
 * @example
 * [...allLinesAsAdded(new TextEncoder().encode("a\r\nb"))] // → [{ sign: "+", line: 1, text: "a" }, { sign: "+", line: 2, text: "b" }]
 */
export function* allLinesAsAdded(bytes: Uint8Array): Generator<NumberedLine> {
  const text = new TextDecoder().decode(bytes);
  let start = 0;
  let line = 1;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const stop = end === -1 ? text.length : end;
    const cut = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
    yield { sign: "+", line: line++, text: text.slice(start, cut) };
    if (end === -1) break;
    start = end + 1;
  }
}
