import type { Budget } from "./budget";
import { type SplitScore, scoreSplit } from "./indent-heuristic";

/*
 * Sliding groups of changed lines to the place a reader expects, a port of
 * xdl_change_compact() from https://github.com/git/git/blob/master/xdiff/xdiffi.c.
 * A group of added (or removed) lines whose first line equals the line after
 * it can slide down, and up when its last line equals the line before it;
 * the number of changed lines stays the same. Groups are slid to line up
 * with changes on the other side when possible, and otherwise placed by
 * git's indent heuristic (on by default in git since 2.14).
 */

/** How far the indent heuristic slides a group at most (INDENT_HEURISTIC_MAX_SLIDING). */
const INDENT_HEURISTIC_MAX_SLIDING = 100;

/** One side of the diff, as xdl_change_compact() sees it. */
export interface CompactSide {
  /** Interned line ids. */
  ids: Int32Array;
  /** Changed flags with zero sentinels: line i is at i + 1. */
  changed: Uint8Array;
  /** git's indentation of line i, for the indent heuristic. */
  indent: (i: number) => number;
}

/**
 * A group of changed lines (struct xdlgroup): [start, end), or an empty
 * group located above line `start` when start === end.
 */
interface Group {
  start: number;
  end: number;
}

function groupInit(changed: Uint8Array, g: Group): void {
  g.start = g.end = 0;
  while (changed[g.end + 1]) g.end++;
}

function groupNext(changed: Uint8Array, nrec: number, g: Group): boolean {
  if (g.end === nrec) return false;
  g.start = g.end + 1;
  g.end = g.start;
  while (changed[g.end + 1]) g.end++;
  return true;
}

function groupPrevious(changed: Uint8Array, g: Group): boolean {
  if (g.start === 0) return false;
  g.end = g.start - 1;
  g.start = g.end;
  while (changed[g.start]) g.start--;
  return true;
}

function slideDown(side: CompactSide, g: Group): boolean {
  const { ids, changed } = side;
  if (g.end < ids.length && ids[g.start] === ids[g.end]) {
    changed[g.start + 1] = 0;
    g.start++;
    changed[g.end + 1] = 1;
    g.end++;
    while (changed[g.end + 1]) g.end++;
    return true;
  }
  return false;
}

function slideUp(side: CompactSide, g: Group): boolean {
  const { ids, changed } = side;
  if (g.start > 0 && ids[g.start - 1] === ids[g.end - 1]) {
    g.start--;
    changed[g.start + 1] = 1;
    g.end--;
    changed[g.end + 1] = 0;
    while (changed[g.start]) g.start--;
    return true;
  }
  return false;
}

function broken(what: string): never {
  throw new Error(`diff compaction: group sync broken ${what}`);
}

/**
 * Slides the change groups of `side` (keeping `other` in step) the way
 * git does. Run it for old-against-new, then new-against-old.
 */
export function changeCompact(side: CompactSide, other: CompactSide, indentHeuristic: boolean, budget?: Budget): void {
  const nrec = side.ids.length;
  const orec = other.ids.length;
  const g: Group = { start: 0, end: 0 };
  const go: Group = { start: 0, end: 0 };
  groupInit(side.changed, g);
  groupInit(other.changed, go);

  for (;;) {
    if (g.end !== g.start) {
      let groupsize: number;
      let earliestEnd: number;
      let endMatchingOther: number;
      // Shift the group up and then down as far as possible, merging with
      // any group it bumps into, until its size no longer changes.
      do {
        groupsize = g.end - g.start;
        endMatchingOther = -1;

        while (slideUp(side, g)) {
          if (!groupPrevious(other.changed, go)) broken("sliding up");
        }
        earliestEnd = g.end;
        if (go.end > go.start) endMatchingOther = g.end;

        for (;;) {
          if (!slideDown(side, g)) break;
          if (!groupNext(other.changed, orec, go)) broken("sliding down");
          if (go.end > go.start) endMatchingOther = g.end;
        }
      } while (groupsize !== g.end - g.start);

      if (g.end === earliestEnd) {
        // No shifting was possible.
      } else if (endMatchingOther !== -1) {
        // Line up with the last group of changes on the other side it can align with.
        while (go.end === go.start) {
          if (!slideUp(side, g)) broken("match disappeared");
          if (!groupPrevious(other.changed, go)) broken("sliding to match");
        }
      } else if (indentHeuristic) {
        const bestShift = bestIndentShift(side.indent, nrec, g.end, groupsize, earliestEnd);
        while (g.end > bestShift) {
          if (!slideUp(side, g)) broken("best shift unreached");
          if (!groupPrevious(other.changed, go)) broken("sliding to blank line");
        }
      }
    }

    // Sliding is linear in practice; the deadline still gets to see it.
    budget?.spend(g.end - g.start + 1);
    if (!groupNext(side.changed, nrec, g)) break;
    if (!groupNext(other.changed, orec, go)) broken("moving to next group");
  }
  if (groupNext(other.changed, orec, go)) broken("at end of file");
}

/**
 * The indent heuristic: every position the group can take implies two
 * splits (above and below it); pick the position whose splits score best.
 */
function bestIndentShift(
  indentOf: (i: number) => number,
  nrec: number,
  end: number,
  groupsize: number,
  earliestEnd: number,
): number {
  let shift = earliestEnd;
  if (end - groupsize - 1 > shift) shift = end - groupsize - 1;
  if (end - INDENT_HEURISTIC_MAX_SLIDING > shift) shift = end - INDENT_HEURISTIC_MAX_SLIDING;

  let bestShift = -1;
  const best: SplitScore = { effectiveIndent: 0, penalty: 0 };
  const score: SplitScore = { effectiveIndent: 0, penalty: 0 };
  for (; shift <= end; shift++) {
    score.effectiveIndent = 0;
    score.penalty = 0;
    scoreSplit(indentOf, nrec, shift, score);
    scoreSplit(indentOf, nrec, shift - groupsize, score);
    if (bestShift === -1 || compareScores(score, best) <= 0) {
      best.effectiveIndent = score.effectiveIndent;
      best.penalty = score.penalty;
      bestShift = shift;
    }
  }
  return bestShift;
}

/** Weight of the effective-indent comparison against the penalties (INDENT_WEIGHT). */
const INDENT_WEIGHT = 60;

function compareScores(s1: SplitScore, s2: SplitScore): number {
  const cmpIndents =
    (s1.effectiveIndent > s2.effectiveIndent ? 1 : 0) - (s1.effectiveIndent < s2.effectiveIndent ? 1 : 0);
  return INDENT_WEIGHT * cmpIndents + (s1.penalty - s2.penalty);
}
