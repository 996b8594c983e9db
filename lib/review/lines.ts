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
 * The added and removed lines of a file's hunks, numbered; `only` keeps
 * one sign. Context lines only advance the counters; the "\ No newline"
 * marker is skipped.
 *
 * @example
 * [...changedLines({ hunks: [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [" a", "-b", "+c"] }] })]
 * // → [{ sign: "-", line: 2, text: "b" }, { sign: "+", line: 2, text: "c" }]
 */
export function* changedLines(file: Pick<FileDiff, "hunks">, only?: "+" | "-"): Generator<NumberedLine> {
  for (const hunk of file.hunks ?? []) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      const sign = line.charCodeAt(0);
      if (sign === 43 /* + */) {
        if (only !== "-") yield { sign: "+", line: newLine, text: line.slice(1) };
        newLine++;
      } else if (sign === 45 /* - */) {
        if (only !== "+") yield { sign: "-", line: oldLine, text: line.slice(1) };
        oldLine++;
      } else if (sign === 32 /* space */) {
        oldLine++;
        newLine++;
      }
    }
  }
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
