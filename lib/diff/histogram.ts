import type { DiffEnv } from "./diff-env";
import { classicDiff } from "./classic-diff";

/*
 * Histogram diff, ported from git's
 * https://github.com/git/git/blob/master/xdiff/xhistogram.c (itself from
 * JGit). A region is split around its "LCS": the longest run of common
 * lines anchored on the line that occurs least often in the old side; both
 * sides of the run are diffed the same way. Regions whose common lines all
 * occur more than MAX_CHAIN_LENGTH times go to the classic Myers diff.
 *
 * Differences from the C code, none of which changes the result:
 * - lines are interned to dense integer ids, so the per-region index is a
 *   set of id-indexed typed arrays stamped with an epoch instead of a hash
 *   table of chained records (no hash collisions, no per-record allocation);
 * - recursion is replaced by an explicit stack of regions (regions are
 *   independent, so the order they are solved in does not matter);
 * - the work done is reported to the budget so a deadline can stop it.
 *
 * Like git (before 2.50) the histogram runs on the whole file, without
 * trimming the common prefix and suffix first: trimming changes the
 * occurrence counts and so, sometimes, which anchor wins. Unique lines cost
 * almost nothing here (one array read each), so there is little to gain.
 *
 * Line numbers inside this file are 1-based, as in xhistogram.c.
 */

/** Occurrence limit of an anchor line (git's max_chain_length). */
const MAX_CHAIN_LENGTH = 64;

/** The per-region index (struct histindex) and the best run found (struct region). */
class HistogramIndex {
  /** First occurrence of an id in the region (record->ptr), valid when stamped with the current epoch. */
  readonly recPtr: Int32Array;
  /** Occurrences of an id in the region (record->cnt). */
  readonly recCnt: Int32Array;
  readonly recEpoch: Int32Array;
  /** Next occurrence of the same line after line `ptr` (next_ptrs), 0 at the end. */
  readonly nextPtr: Int32Array;
  epoch = 0;
  cnt = 0;
  hasCommon = false;
  begin1 = 0;
  end1 = 0;
  begin2 = 0;
  end2 = 0;

  constructor(idCount: number, oldLines: number) {
    this.recPtr = new Int32Array(idCount);
    this.recCnt = new Int32Array(idCount);
    this.recEpoch = new Int32Array(idCount);
    this.nextPtr = new Int32Array(oldLines + 1);
  }
}

/** Marks the changed lines of the whole of `env` with histogram diff. */
export function histogramDiff(env: DiffEnv): void {
  const n1 = env.a.length;
  const n2 = env.b.length;
  const index = new HistogramIndex(env.idCount, n1);
  const { changedA, changedB, budget } = env;

  // Each entry: line1, count1, line2, count2.
  const stack: number[] = [1, n1, 1, n2];
  while (stack.length > 0) {
    let count2 = stack.pop()!;
    let line2 = stack.pop()!;
    let count1 = stack.pop()!;
    let line1 = stack.pop()!;

    for (;;) {
      if (count1 <= 0 && count2 <= 0) break;
      if (count1 === 0) {
        changedB.fill(1, line2, line2 + count2);
        break;
      }
      if (count2 === 0) {
        changedA.fill(1, line1, line1 + count1);
        break;
      }
      budget.spend(count1 + count2);

      const found = findLcs(env, index, line1, count1, line2, count2);
      if (found) {
        classicDiff(env, line1 - 1, count1, line2 - 1, count2);
        break;
      }
      if (index.begin1 === 0 && index.begin2 === 0) {
        // No common line at all: everything in the region changed.
        changedA.fill(1, line1, line1 + count1);
        changedB.fill(1, line2, line2 + count2);
        break;
      }
      const { begin1, end1, begin2, end2 } = index;
      stack.push(line1, begin1 - line1, line2, begin2 - line2);
      count1 = line1 + count1 - 1 - end1;
      line1 = end1 + 1;
      count2 = line2 + count2 - 1 - end2;
      line2 = end2 + 1;
    }
  }
}

/**
 * find_lcs(): indexes the old side of the region, then scans the new side
 * for the best run. Returns true when the region should fall back to the
 * classic diff; otherwise the run (or 0s when none) is in `index`.
 */
function findLcs(
  env: DiffEnv,
  index: HistogramIndex,
  line1: number,
  count1: number,
  line2: number,
  count2: number,
): boolean {
  const { a } = env;
  const { recPtr, recCnt, recEpoch, nextPtr } = index;
  const epoch = ++index.epoch;

  // scanA(): walk backwards so each record ends up pointing at the first
  // occurrence, with nextPtr chaining the later ones.
  for (let ptr = line1 + count1 - 1; ptr >= line1; ptr--) {
    const id = a[ptr - 1]!;
    if (recEpoch[id] === epoch) {
      nextPtr[ptr] = recPtr[id]!;
      recPtr[id] = ptr;
      recCnt[id]!++;
    } else {
      recEpoch[id] = epoch;
      recPtr[id] = ptr;
      recCnt[id] = 1;
      nextPtr[ptr] = 0;
    }
  }

  index.cnt = MAX_CHAIN_LENGTH + 1;
  index.hasCommon = false;
  index.begin1 = index.end1 = index.begin2 = index.end2 = 0;

  const last2 = line2 + count2 - 1;
  for (let bPtr = line2; bPtr <= last2; ) {
    bPtr = tryLcs(env, index, bPtr, line1, count1, line2, count2);
  }

  return index.hasCommon && MAX_CHAIN_LENGTH < index.cnt;
}

/** try_lcs(): extends every occurrence of new line `bPtr` into a run; returns the next line to look at. */
function tryLcs(
  env: DiffEnv,
  index: HistogramIndex,
  bPtr: number,
  line1: number,
  count1: number,
  line2: number,
  count2: number,
): number {
  let bNext = bPtr + 1;
  const { a, b } = env;
  const id = b[bPtr - 1]!;
  if (index.recEpoch[id] !== index.epoch) return bNext;

  const recCnt = index.recCnt;
  const cnt = recCnt[id]!;
  if (cnt > index.cnt) {
    // Too common to anchor on, but it proves the region has a common line.
    index.hasCommon = true;
    return bNext;
  }
  index.hasCommon = true;

  const nextPtr = index.nextPtr;
  const last1 = line1 + count1 - 1;
  const last2 = line2 + count2 - 1;
  let as = index.recPtr[id]!;
  let work = 1;
  for (;;) {
    let np = nextPtr[as]!;
    let bs = bPtr;
    let ae = as;
    let be = bs;
    let rc = cnt;

    while (line1 < as && line2 < bs && a[as - 2] === b[bs - 2]) {
      as--;
      bs--;
      if (1 < rc) rc = Math.min(rc, recCnt[a[as - 1]!]!);
    }
    while (ae < last1 && be < last2 && a[ae] === b[be]) {
      ae++;
      be++;
      if (1 < rc) rc = Math.min(rc, recCnt[a[ae - 1]!]!);
    }

    work += ae - as + 1;
    if (bNext <= be) bNext = be + 1;
    if (index.end1 - index.begin1 < ae - as || rc < index.cnt) {
      index.begin1 = as;
      index.begin2 = bs;
      index.end1 = ae;
      index.end2 = be;
      index.cnt = rc;
    }

    if (np === 0) break;
    // Skip occurrences already inside the run just found.
    while (np <= ae) {
      np = nextPtr[np]!;
      if (np === 0) break;
    }
    if (np === 0) break;
    as = np;
  }
  env.budget.spend(work);
  return bNext;
}
