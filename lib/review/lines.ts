import type { FileDiff, Hunk } from "../diff/types";
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
  /** The length of the longest line as stored (0 without lines). */
  longest: number;
  /** Lines of which only a part of the text needs reading: [start, end) in the text (see narrowReplaced). */
  parts?: Map<number, [start: number, end: number]>;
}

/**
 * The text of line `i` of a side: without its sign, only its part when it has one.
 *
 * @example
 * textOf({ sign: "+", lines: ["+abcdef"], skip: 1, numbers: [1], longest: 7, parts: new Map([[0, [1, 3]]]) }, 0) // → "bc"
 */
export function textOf(side: LineSide, i: number): string {
  const stored = side.lines[i]!;
  const part = side.parts?.get(i);
  return part ? stored.slice(side.skip + part[0], side.skip + part[1]) : stored.slice(side.skip);
}

/**
 * The added (`+`) or removed (`-`) lines of a file's hunks, each numbered
 * on its own side.
 *
 * @example
 * changedLines({ hunks: [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [" a", "-b", "+c"] }] }, "+")
 * // → [{ sign: "+", line: 2, text: "c" }]
 */
export function changedLines(file: Pick<FileDiff, "hunks">, sign: "+" | "-"): NumberedLine[] {
  const side = changedSides(file)[sign === "+" ? "added" : "removed"];
  return side.lines.map((stored, i) => ({ sign, line: side.numbers[i]!, text: stored.slice(side.skip) }));
}

/**
 * The first added or removed line of a file's hunks, in the order of the diff.
 *
 * @example
 * firstChangedLine({ hunks: [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [" a", "-b", "+c"] }] })
 * // → { sign: "-", line: 2, text: "b" }
 */
export function firstChangedLine(file: Pick<FileDiff, "hunks">): NumberedLine | undefined {
  // Hunks hold at least one change each, so the first one is in the first hunk that has one.
  const first = file.hunks?.flatMap((hunk) => hunk.lines).find((line) => line.startsWith("+") || line.startsWith("-"));
  return first ? changedLines(file, first.startsWith("+") ? "+" : "-")[0] : undefined;
}

/** A long line replaced in place: the removed line (as stored, and its index on its side) and the added one's index. */
export interface Replaced {
  removed: number;
  added: number;
  before: string;
}

/** Both sides of a file's changed lines, and its long lines replaced in place. */
export interface ChangedSides {
  added: LineSide;
  /** Built on first read: most files never need their removed lines one by one. */
  readonly removed: LineSide;
  /**
   * Lines changed in place whose texts are both longer than `pairsFrom`:
   * in each run of removed and added lines between context lines, the i-th
   * removed line with the i-th added one.
   */
  replaced: Replaced[];
  /** Parts of removed lines, set on `removed` when it is built (see narrowReplaced). */
  removedParts?: Map<number, [start: number, end: number]>;
}

/**
 * A file's added lines as a LineSide, its removed ones on demand, and its
 * long replaced lines, in one pass over its hunks, written out with indexed
 * loops: a rebuilt bundle has tens of thousands of lines, and this runs
 * before the JIT has warmed, where loops, pushes and iterators cost most.
 *
 * @example
 * const sides = changedSides({ hunks: [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [" a", "-b", "+c"] }] }, 1);
 * sides.added // → { sign: "+", lines: ["+c"], skip: 1, numbers: [2], longest: 2 }
 * sides.removed // → { sign: "-", lines: ["-b"], skip: 1, numbers: [2], longest: 2 }
 * sides.replaced // → [{ removed: 0, added: 0, before: "-b" }]
 */
export function changedSides(file: Pick<FileDiff, "hunks">, pairsFrom = Infinity): ChangedSides {
  const addedLines: string[] = [];
  const addedNumbers: number[] = [];
  const replaced: Replaced[] = [];
  let longest = 0;
  let removedCount = 0;
  const hunks = file.hunks ?? [];
  for (let h = 0; h < hunks.length; h++) {
    const { lines, newStart } = hunks[h]!;
    let newLine = newStart;
    // The run of removed and added lines since the last context line, where lines are replaced in place.
    let runStart = 0;
    let runRemoved = removedCount;
    let runAdded = 0;
    let runLong = false;
    for (let i = 0; i <= lines.length; i++) {
      const line = i < lines.length ? lines[i]! : " "; // the hunk's end closes the run
      const sign = line.charCodeAt(0);
      if (sign === 43 /* + */) {
        addedLines.push(line);
        addedNumbers.push(newLine++);
        if (line.length > longest) longest = line.length;
        runAdded++;
        if (line.length > pairsFrom) runLong = true;
      } else if (sign === 45 /* - */) {
        removedCount++;
        if (line.length > pairsFrom) runLong = true;
      } else if (sign === 32 /* space */) {
        newLine++;
        if (runLong && runAdded > 0 && removedCount > runRemoved) pairRun(lines, runStart, i, runRemoved, addedLines.length - runAdded, pairsFrom, replaced);
        runStart = i + 1;
        runRemoved = removedCount;
        runAdded = 0;
        runLong = false;
      }
    }
  }
  const sides: ChangedSides = {
    added: { sign: "+", lines: addedLines, skip: 1, numbers: addedNumbers, longest },
    replaced,
    get removed(): LineSide {
      const removed = removedSide(hunks);
      if (sides.removedParts) removed.parts = sides.removedParts;
      Object.defineProperty(sides, "removed", { value: removed });
      return removed;
    },
  };
  return sides;
}

/** The i-th removed line of a run with its i-th added line, where both are long. */
function pairRun(lines: readonly string[], from: number, to: number, removed: number, added: number, pairsFrom: number, into: Replaced[]): void {
  const before: string[] = [];
  const after: string[] = [];
  for (let i = from; i < to; i++) {
    const sign = lines[i]!.charCodeAt(0);
    if (sign === 45 /* - */) before.push(lines[i]!);
    else if (sign === 43 /* + */) after.push(lines[i]!);
  }
  for (let k = 0; k < Math.min(before.length, after.length); k++) {
    if (before[k]!.length > pairsFrom && after[k]!.length > pairsFrom) into.push({ removed: removed + k, added: added + k, before: before[k]! });
  }
}

/** A file's removed lines as a LineSide. */
function removedSide(hunks: readonly Hunk[]): LineSide {
  const side: LineSide = { sign: "-", lines: [], skip: 1, numbers: [], longest: 0 };
  for (let h = 0; h < hunks.length; h++) {
    const { lines, oldStart } = hunks[h]!;
    let oldLine = oldStart;
    for (let i = 0; i < lines.length; i++) {
      const sign = lines[i]!.charCodeAt(0);
      if (sign === 45 /* - */) {
        side.lines.push(lines[i]!);
        side.numbers.push(oldLine);
        side.longest = Math.max(side.longest, lines[i]!.length);
      }
      if (sign === 45 || sign === 32) oldLine++;
    }
  }
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
