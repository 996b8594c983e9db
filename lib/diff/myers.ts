import type { Budget } from "./budget";
import type { DiffEnv } from "./diff-env";

/*
 * Myers' O(ND) diff in linear space (middle snake, divide and conquer), as
 * git's xdiff runs it: a port of xdl_split()/xdl_recs_cmp() from
 * https://github.com/git/git/blob/master/xdiff/xdiffi.c and of the record
 * preparation (xdl_trim_ends()/xdl_cleanup_records()) from
 * https://github.com/git/git/blob/master/xdiff/xprepare.c.
 *
 * It is used where histogram diff gives up on a region (every common line
 * occurs more than 64 times), exactly as xhistogram.c falls back to the
 * classic algorithm. Following xdiff constant for constant matters: it is
 * what keeps our output the same as `git diff --histogram`, and xdiff's cost
 * heuristics are what keep a pathological region from going quadratic.
 */

/** Minimum edit cost before giving up on an optimal split (XDL_MAX_COST_MIN). */
const MAX_COST_MIN = 256;
/** Edit cost above which a long enough snake ends the search (XDL_HEUR_MIN_COST). */
const HEUR_MIN_COST = 256;
/** A snake longer than this is "interesting" (XDL_SNAKE_CNT). */
const SNAKE_CNT = 20;
/** XDL_K_HEUR. */
const K_HEUR = 4;
/** XDL_LINE_MAX, as an int32 sentinel. */
const LINE_MAX = 0x7fffffff;
/** xprepare.c: a run of discardable lines must be this dense (XDL_KPDIS_RUN). */
const KPDIS_RUN = 4;
/** xprepare.c: cap on the "too many matches" limit (XDL_MAX_EQLIMIT). */
const MAX_EQLIMIT = 1024;
/** xprepare.c: how far xdl_clean_mmatch() looks around a line (XDL_SIMSCAN_WINDOW). */
const SIMSCAN_WINDOW = 100;

/** Integer square root approximation used for xdiff's limits (xdl_bogosqrt). */
export function bogosqrt(n: number): number {
  let i = 1;
  for (let m = n; m > 0; m = Math.floor(m / 4)) i *= 2;
  return i;
}

/** The split point of a box (xdpsplit_t), reused to avoid allocation. */
interface Split {
  i1: number;
  i2: number;
  minLo: boolean;
  minHi: boolean;
}

/**
 * Diffs old lines [start1, start1 + count1) against new lines
 * [start2, start2 + count2) (0-based) with the classic algorithm and marks
 * the changed ones in `env`. Like xdl_fall_back_diff(), the range is
 * treated as a file of its own: its ends are trimmed and lines without a
 * match on the other side are set aside before the search.
 */
export function classicDiff(env: DiffEnv, start1: number, count1: number, start2: number, count2: number): void {
  const { a, b, changedA, changedB } = env;

  // xdl_trim_ends(): common prefix and suffix never enter the search.
  const shorter = Math.min(count1, count2);
  let prefix = 0;
  while (prefix < shorter && a[start1 + prefix] === b[start2 + prefix]) prefix++;
  let suffix = 0;
  const maxSuffix = shorter - prefix;
  while (suffix < maxSuffix && a[start1 + count1 - 1 - suffix] === b[start2 + count2 - 1 - suffix]) suffix++;
  const dend1 = count1 - suffix - 1;
  const dend2 = count2 - suffix - 1;

  // xdl_cleanup_records(): classify each line by its number of matches on
  // the whole other side: none (0), some (1), "too many" (2).
  const counts = (env.counts ??= new Int32Array(env.idCount));
  const dis1 = classify(a, start1, count1, prefix, dend1, b, start2, count2, counts);
  const dis2 = classify(b, start2, count2, prefix, dend2, a, start1, count1, counts);
  env.budget.spend(count1 + count2);

  const kept1 = keepRecords(a, start1, prefix, dend1, dis1, changedA);
  const kept2 = keepRecords(b, start2, prefix, dend2, dis2, changedB);
  recsCmp(kept1.ids, kept1.index, start1, changedA, kept2.ids, kept2.index, start2, changedB, env.budget);
}

function classify(
  own: Int32Array,
  ownStart: number,
  ownCount: number,
  from: number,
  to: number,
  other: Int32Array,
  otherStart: number,
  otherCount: number,
  counts: Int32Array,
): Uint8Array {
  for (let i = 0; i < otherCount; i++) counts[other[otherStart + i]!]!++;
  const mlim = Math.min(bogosqrt(ownCount), MAX_EQLIMIT);
  const dis = new Uint8Array(ownCount);
  for (let i = from; i <= to; i++) {
    const nm = counts[own[ownStart + i]!]!;
    dis[i] = nm === 0 ? 0 : nm >= mlim ? 2 : 1;
  }
  for (let i = 0; i < otherCount; i++) counts[other[otherStart + i]!] = 0;
  return dis;
}

/** Lines that enter the search; the others are marked changed right away. */
function keepRecords(
  ids: Int32Array,
  start: number,
  from: number,
  to: number,
  dis: Uint8Array,
  changed: Uint8Array,
): { ids: Int32Array; index: Int32Array } {
  const size = Math.max(0, to - from + 1);
  const keptIds = new Int32Array(size);
  const keptIndex = new Int32Array(size);
  let n = 0;
  for (let i = from; i <= to; i++) {
    const d = dis[i];
    if (d === 1 || (d === 2 && !cleanMmatch(dis, i, from, to))) {
      keptIndex[n] = i;
      keptIds[n] = ids[start + i]!;
      n++;
    } else {
      changed[start + i + 1] = 1;
    }
  }
  return { ids: keptIds.subarray(0, n), index: keptIndex.subarray(0, n) };
}

/**
 * xdl_clean_mmatch(): a line with many matches is set aside only when it
 * sits inside a run of lines that are mostly without a match.
 */
function cleanMmatch(dis: Uint8Array, i: number, start: number, end: number): boolean {
  let s = start;
  let e = end;
  if (i - s > SIMSCAN_WINDOW) s = i - SIMSCAN_WINDOW;
  if (e - i > SIMSCAN_WINDOW) e = i + SIMSCAN_WINDOW;

  let rdis0 = 0;
  let rpdis0 = 1;
  for (let r = 1; i - r >= s; r++) {
    const d = dis[i - r];
    if (d === 0) rdis0++;
    else if (d === 2) rpdis0++;
    else break;
  }
  if (rdis0 === 0) return false;
  let rdis1 = 0;
  let rpdis1 = 1;
  for (let r = 1; i + r <= e; r++) {
    const d = dis[i + r];
    if (d === 0) rdis1++;
    else if (d === 2) rpdis1++;
    else break;
  }
  if (rdis1 === 0) return false;
  rdis1 += rdis0;
  rpdis1 += rpdis0;
  return rpdis1 * KPDIS_RUN < rpdis1 + rdis1;
}

/**
 * xdl_recs_cmp(): divide and conquer over the kept lines. An explicit stack
 * replaces the recursion so a deep split tree cannot overflow the JS stack;
 * the boxes are independent, so the order they are solved in is irrelevant.
 */
function recsCmp(
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

function snakeSplitForward(
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

function snakeSplitBackward(
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

function furthestSplit(
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
