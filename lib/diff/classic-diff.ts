import type { DiffEnv } from "./diff-env";
import { bogosqrt, recsCmp } from "./myers";

/*
 * git's classic diff of a range, as xdl_fall_back_diff() runs it: the range
 * is prepared like a file of its own (xdl_trim_ends() and
 * xdl_cleanup_records() from https://github.com/git/git/blob/master/xdiff/xprepare.c)
 * and then searched with Myers' algorithm (./myers.ts). Preparing sets
 * aside the lines that cannot match: lines with no match on the other side,
 * and lines with very many matches inside runs of such lines.
 */

/** A run of discardable lines must be this dense (XDL_KPDIS_RUN). */
const KPDIS_RUN = 4;
/** Cap on the "too many matches" limit (XDL_MAX_EQLIMIT). */
const MAX_EQLIMIT = 1024;
/** How far xdl_clean_mmatch() looks around a line (XDL_SIMSCAN_WINDOW). */
const SIMSCAN_WINDOW = 100;

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

