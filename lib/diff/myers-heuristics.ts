/*
 * The ways xdl_split() (https://github.com/git/git/blob/master/xdiff/xdiffi.c)
 * ends a search early with a good rather than an optimal split: a diagonal
 * that got far along a long snake, or, past the cost limit, simply the
 * furthest-reaching path. Kept apart from ./myers.ts only for size.
 */

/** XDL_K_HEUR. */
const K_HEUR = 4;
/** A snake longer than this is "interesting" (XDL_SNAKE_CNT). */
export const SNAKE_CNT = 20;
/** XDL_LINE_MAX, as an int32 sentinel. */
export const LINE_MAX = 0x7fffffff;

/** The split point of a box (xdpsplit_t), reused to avoid allocation. */
export interface Split {
  i1: number;
  i2: number;
  minLo: boolean;
  minHi: boolean;
}

/** A forward diagonal that went far along a long snake, if any (writes `spl`). */
export function snakeSplitForward(
  h1: Int32Array,
  off1: number,
  lim1: number,
  h2: Int32Array,
  off2: number,
  lim2: number,
  kvd: Int32Array,
  fo: number,
  fmin: number,
  fmax: number,
  fmid: number,
  ec: number,
  spl: Split,
): boolean {
  let best = 0;
  for (let d = fmax; d >= fmin; d -= 2) {
    const dd = d > fmid ? d - fmid : fmid - d;
    const i1 = kvd[fo + d]!;
    const i2 = i1 - d;
    const v = i1 - off1 + (i2 - off2) - dd;
    if (
      v > K_HEUR * ec &&
      v > best &&
      off1 + SNAKE_CNT <= i1 &&
      i1 < lim1 &&
      off2 + SNAKE_CNT <= i2 &&
      i2 < lim2
    ) {
      for (let k = 1; h1[i1 - k] === h2[i2 - k]; k++) {
        if (k === SNAKE_CNT) {
          best = v;
          spl.i1 = i1;
          spl.i2 = i2;
          break;
        }
      }
    }
  }
  if (best > 0) {
    spl.minLo = true;
    spl.minHi = false;
    return true;
  }
  return false;
}

/** The same for the backward diagonals. */
export function snakeSplitBackward(
  h1: Int32Array,
  off1: number,
  lim1: number,
  h2: Int32Array,
  off2: number,
  lim2: number,
  kvd: Int32Array,
  bo: number,
  bmin: number,
  bmax: number,
  bmid: number,
  ec: number,
  spl: Split,
): boolean {
  let best = 0;
  for (let d = bmax; d >= bmin; d -= 2) {
    const dd = d > bmid ? d - bmid : bmid - d;
    const i1 = kvd[bo + d]!;
    const i2 = i1 - d;
    const v = lim1 - i1 + (lim2 - i2) - dd;
    if (
      v > K_HEUR * ec &&
      v > best &&
      off1 < i1 &&
      i1 <= lim1 - SNAKE_CNT &&
      off2 < i2 &&
      i2 <= lim2 - SNAKE_CNT
    ) {
      for (let k = 0; h1[i1 + k] === h2[i2 + k]; k++) {
        if (k === SNAKE_CNT - 1) {
          best = v;
          spl.i1 = i1;
          spl.i2 = i2;
          break;
        }
      }
    }
  }
  if (best > 0) {
    spl.minLo = false;
    spl.minHi = true;
    return true;
  }
  return false;
}

/** Past the cost limit: the furthest-reaching forward or backward path. */
export function furthestSplit(
  off1: number,
  lim1: number,
  off2: number,
  lim2: number,
  kvd: Int32Array,
  fo: number,
  bo: number,
  fmin: number,
  fmax: number,
  bmin: number,
  bmax: number,
  spl: Split,
): void {
  let fbest = -1;
  let fbest1 = -1;
  for (let d = fmax; d >= fmin; d -= 2) {
    let i1 = Math.min(kvd[fo + d]!, lim1);
    let i2 = i1 - d;
    if (lim2 < i2) {
      i1 = lim2 + d;
      i2 = lim2;
    }
    if (fbest < i1 + i2) {
      fbest = i1 + i2;
      fbest1 = i1;
    }
  }

  let bbest = LINE_MAX;
  let bbest1 = LINE_MAX;
  for (let d = bmax; d >= bmin; d -= 2) {
    let i1 = Math.max(off1, kvd[bo + d]!);
    let i2 = i1 - d;
    if (i2 < off2) {
      i1 = off2 + d;
      i2 = off2;
    }
    if (i1 + i2 < bbest) {
      bbest = i1 + i2;
      bbest1 = i1;
    }
  }

  if (lim1 + lim2 - bbest < fbest - (off1 + off2)) {
    spl.i1 = fbest1;
    spl.i2 = fbest - fbest1;
    spl.minLo = true;
    spl.minHi = false;
  } else {
    spl.i1 = bbest1;
    spl.i2 = bbest - bbest1;
    spl.minLo = false;
    spl.minHi = true;
  }
}
