import type { Budget } from "./budget";
import {
  LINE_MAX,
  SNAKE_CNT,
  type Split,
  furthestSplit,
  snakeSplitBackward,
  snakeSplitForward,
} from "./myers-heuristics";

/*
 * Myers' O(ND) diff in linear space (middle snake, divide and conquer), as
 * git's xdiff runs it: a port of xdl_split() and xdl_recs_cmp() from
 * https://github.com/git/git/blob/master/xdiff/xdiffi.c. Past xdiff's cost
 * limits a split settles for a good point instead of the optimal one
 * (./myers-heuristics.ts); that is what keeps a pathological input from
 * going quadratic, and following xdiff constant for constant is what keeps
 * our output the same as git's.
 */

/** Minimum edit cost before giving up on an optimal split (XDL_MAX_COST_MIN). */
const MAX_COST_MIN = 256;
/** Edit cost above which a long enough snake ends the search (XDL_HEUR_MIN_COST). */
const HEUR_MIN_COST = 256;

/** Integer square root approximation used for xdiff's limits (xdl_bogosqrt). */
export function bogosqrt(n: number): number {
  let i = 1;
  for (let m = n; m > 0; m = Math.floor(m / 4)) i *= 2;
  return i;
}


/**
 * xdl_recs_cmp(): divide and conquer over the kept lines. An explicit stack
 * replaces the recursion so a deep split tree cannot overflow the JS stack;
 * the boxes are independent, so the order they are solved in is irrelevant.
 */
export function recsCmp(
  h1: Int32Array,
  index1: Int32Array,
  start1: number,
  changed1: Uint8Array,
  h2: Int32Array,
  index2: Int32Array,
  start2: number,
  changed2: Uint8Array,
  budget: Budget,
): void {
  const n1 = h1.length;
  const n2 = h2.length;
  const ndiags = n1 + n2 + 3;
  const kvd = new Int32Array(2 * ndiags + 2);
  const fo = n2 + 1;
  const bo = ndiags + n2 + 1;
  const mxcost = Math.max(bogosqrt(ndiags), MAX_COST_MIN);
  const spl: Split = { i1: 0, i2: 0, minLo: false, minHi: false };

  // Each entry: off1, lim1, off2, lim2, needMin (0/1).
  const stack: number[] = [0, n1, 0, n2, 0];
  while (stack.length > 0) {
    const needMin = stack.pop()! === 1;
    let lim2 = stack.pop()!;
    let off2 = stack.pop()!;
    let lim1 = stack.pop()!;
    let off1 = stack.pop()!;

    // Shrink the box by walking through each diagonal snake (SW and NE).
    while (off1 < lim1 && off2 < lim2 && h1[off1] === h2[off2]) {
      off1++;
      off2++;
    }
    while (off1 < lim1 && off2 < lim2 && h1[lim1 - 1] === h2[lim2 - 1]) {
      lim1--;
      lim2--;
    }

    if (off1 === lim1) {
      for (; off2 < lim2; off2++) changed2[start2 + index2[off2]! + 1] = 1;
    } else if (off2 === lim2) {
      for (; off1 < lim1; off1++) changed1[start1 + index1[off1]! + 1] = 1;
    } else {
      split(h1, off1, lim1, h2, off2, lim2, kvd, fo, bo, needMin, mxcost, spl, budget);
      stack.push(off1, spl.i1, off2, spl.i2, spl.minLo ? 1 : 0);
      stack.push(spl.i1, lim1, spl.i2, lim2, spl.minHi ? 1 : 0);
    }
  }
}

/**
 * xdl_split(): finds the middle snake of the box (off1, off2)-(lim1, lim2)
 * by searching forward from the top-left and backward from the bottom-right
 * corner until the paths overlap; past xdiff's cost limits it settles for a
 * good-enough split instead of the optimal one.
 */
function split(
  h1: Int32Array,
  off1: number,
  lim1: number,
  h2: Int32Array,
  off2: number,
  lim2: number,
  kvd: Int32Array,
  fo: number,
  bo: number,
  needMin: boolean,
  mxcost: number,
  spl: Split,
  budget: Budget,
): void {
  const dmin = off1 - lim2;
  const dmax = lim1 - off2;
  const fmid = off1 - off2;
  const bmid = lim1 - lim2;
  const odd = ((fmid - bmid) & 1) !== 0;
  let fmin = fmid;
  let fmax = fmid;
  let bmin = bmid;
  let bmax = bmid;

  kvd[fo + fmid] = off1;
  kvd[bo + bmid] = lim1;

  for (let ec = 1; ; ec++) {
    let gotSnake = false;
    budget.spend(fmax - fmin + bmax - bmin + 4);

    // Extend the forward diagonal domain by one, staying inside the box.
    if (fmin > dmin) {
      fmin--;
      kvd[fo + fmin - 1] = -1;
    } else {
      fmin++;
    }
    if (fmax < dmax) {
      fmax++;
      kvd[fo + fmax + 1] = -1;
    } else {
      fmax--;
    }

    for (let d = fmax; d >= fmin; d -= 2) {
      const lo = kvd[fo + d - 1]!;
      const hi = kvd[fo + d + 1]!;
      let i1 = lo >= hi ? lo + 1 : hi;
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 < lim1 && i2 < lim2 && h1[i1] === h2[i2]) {
        i1++;
        i2++;
      }
      if (i1 - prev1 > SNAKE_CNT) gotSnake = true;
      kvd[fo + d] = i1;
      if (odd && bmin <= d && d <= bmax && kvd[bo + d]! <= i1) {
        spl.i1 = i1;
        spl.i2 = i2;
        spl.minLo = spl.minHi = true;
        return;
      }
    }

    // Same for the backward diagonal domain.
    if (bmin > dmin) {
      bmin--;
      kvd[bo + bmin - 1] = LINE_MAX;
    } else {
      bmin++;
    }
    if (bmax < dmax) {
      bmax++;
      kvd[bo + bmax + 1] = LINE_MAX;
    } else {
      bmax--;
    }

    for (let d = bmax; d >= bmin; d -= 2) {
      const lo = kvd[bo + d - 1]!;
      const hi = kvd[bo + d + 1]!;
      let i1 = lo < hi ? lo : hi - 1;
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 > off1 && i2 > off2 && h1[i1 - 1] === h2[i2 - 1]) {
        i1--;
        i2--;
      }
      if (prev1 - i1 > SNAKE_CNT) gotSnake = true;
      kvd[bo + d] = i1;
      if (!odd && fmin <= d && d <= fmax && i1 <= kvd[fo + d]!) {
        spl.i1 = i1;
        spl.i2 = i2;
        spl.minLo = spl.minHi = true;
        return;
      }
    }

    if (needMin) continue;

    // Past the heuristic trigger, a diagonal that got far along a long
    // snake is an acceptable (if not minimal) split.
    if (gotSnake && ec > HEUR_MIN_COST) {
      if (snakeSplitForward(h1, off1, lim1, h2, off2, lim2, kvd, fo, fmin, fmax, fmid, ec, spl)) return;
      if (snakeSplitBackward(h1, off1, lim1, h2, off2, lim2, kvd, bo, bmin, bmax, bmid, ec, spl)) return;
    }

    // Enough is enough: take the furthest reaching path.
    if (ec >= mxcost) {
      furthestSplit(off1, lim1, off2, lim2, kvd, fo, bo, fmin, fmax, bmin, bmax, spl);
      return;
    }
  }
}

