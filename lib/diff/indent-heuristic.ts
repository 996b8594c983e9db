/*
 * git's indent heuristic (measure_split()/score_add_split() in
 * https://github.com/git/git/blob/master/xdiff/xdiffi.c): scores a split
 * between two lines by indentation and blank lines around it, with weights
 * git determined empirically (https://github.com/mhagger/diff-slider-tools).
 */

/** Indentation beyond this is not measured (MAX_INDENT). */
const MAX_INDENT = 200;
/** Blank lines beyond this are not counted (MAX_BLANKS). */
const MAX_BLANKS = 20;

const START_OF_FILE_PENALTY = 1;
const END_OF_FILE_PENALTY = 21;
const TOTAL_BLANK_WEIGHT = -30;
const POST_BLANK_WEIGHT = 6;
const RELATIVE_INDENT_PENALTY = -4;
const RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
const RELATIVE_OUTDENT_PENALTY = 24;
const RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
const RELATIVE_DEDENT_PENALTY = 23;
const RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;

/** Accumulated score of the splits of one candidate position (smaller is better). */
export interface SplitScore {
  effectiveIndent: number;
  penalty: number;
}

/**
 * Indentation of a line with tabs to multiples of 8, -1 for a blank line.
 * Whitespace is git's: space, tab, CR, LF (git's isspace() is not C's).
 */
export function getIndent(line: string): number {
  let ret = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) ret += 1;
    else if (c === 9) ret += 8 - (ret % 8);
    else if (c !== 13 && c !== 10) return ret;
    if (ret >= MAX_INDENT) return MAX_INDENT;
  }
  return -1;
}

/** getIndent() of the bytes [start, end) of a UTF-8 buffer (whitespace is ASCII, so bytes and characters agree). */
export function getIndentBytes(bytes: Uint8Array, start: number, end: number): number {
  let ret = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === 32) ret += 1;
    else if (c === 9) ret += 8 - (ret % 8);
    else if (c !== 13 && c !== 10) return ret;
    if (ret >= MAX_INDENT) return MAX_INDENT;
  }
  return -1;
}

/**
 * Adds the score of a split above line `split` (0-based; nrec = end of
 * file) to `s`; `indentOf` is getIndent() of a line.
 */
export function scoreSplit(indentOf: (i: number) => number, nrec: number, split: number, s: SplitScore): void {
  // measure_split()
  const endOfFile = split >= nrec;
  const indent = endOfFile ? -1 : indentOf(split);

  let preBlank = 0;
  let preIndent = -1;
  for (let i = split - 1; i >= 0; i--) {
    preIndent = indentOf(i);
    if (preIndent !== -1) break;
    preBlank += 1;
    if (preBlank === MAX_BLANKS) {
      preIndent = 0;
      break;
    }
  }

  let postBlankAfter = 0;
  let postIndent = -1;
  for (let i = split + 1; i < nrec; i++) {
    postIndent = indentOf(i);
    if (postIndent !== -1) break;
    postBlankAfter += 1;
    if (postBlankAfter === MAX_BLANKS) {
      postIndent = 0;
      break;
    }
  }

  // score_add_split()
  if (preIndent === -1 && preBlank === 0) s.penalty += START_OF_FILE_PENALTY;
  if (endOfFile) s.penalty += END_OF_FILE_PENALTY;

  const postBlank = indent === -1 ? 1 + postBlankAfter : 0;
  const totalBlank = preBlank + postBlank;
  s.penalty += TOTAL_BLANK_WEIGHT * totalBlank;
  s.penalty += POST_BLANK_WEIGHT * postBlank;

  const effective = indent !== -1 ? indent : postIndent;
  const anyBlanks = totalBlank !== 0;
  s.effectiveIndent += effective;

  if (effective === -1 || preIndent === -1) {
    // No adjustment.
  } else if (effective > preIndent) {
    s.penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
  } else if (effective === preIndent) {
    // Same level as its predecessor.
  } else if (postIndent !== -1 && postIndent > effective) {
    // Indented less than its predecessor, but the next line is indented
    // more: likely the start of a block.
    s.penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
  } else {
    // Probably the end of a block.
    s.penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
  }
}
