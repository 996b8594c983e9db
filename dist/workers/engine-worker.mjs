// lib/workers/engine-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// lib/workers/protocol.ts
function isRecord(value) {
  return typeof value === "object" && value !== null;
}
function isTaskRequest(value) {
  return isRecord(value) && typeof value.id === "number" && typeof value.kind === "string" && "input" in value;
}
function serializeError(error) {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

// lib/diff/budget.ts
var DiffBudgetExceeded = class extends Error {
  deadline;
  constructor(deadline) {
    super(`line diff passed its deadline (${new Date(deadline).toISOString()})`);
    this.name = "DiffBudgetExceeded";
    this.deadline = deadline;
  }
};
function isDiffBudgetExceeded(value) {
  return value instanceof DiffBudgetExceeded;
}
var CHECK_EVERY = 1 << 16;
var Budget = class {
  deadline;
  work = 0;
  constructor(deadline) {
    this.deadline = deadline ?? Number.POSITIVE_INFINITY;
  }
  /** Records `units` of work; throws DiffBudgetExceeded once the deadline has passed. */
  spend(units) {
    this.work += units;
    if (this.work >= CHECK_EVERY) {
      this.work = 0;
      this.check();
    }
  }
  /** Reads the clock now. */
  check() {
    if (this.deadline !== Number.POSITIVE_INFINITY && Date.now() > this.deadline) {
      throw new DiffBudgetExceeded(this.deadline);
    }
  }
};

// lib/diff/git-mode.ts
function gitFileMode(mode) {
  return (mode & 64) !== 0 ? "100755" : "100644";
}

// lib/diff/buffers.ts
function asBuffer(bytes) {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// lib/diff/collapse.ts
var LOCKFILES = /* @__PURE__ */ new Set(["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"]);
var MINIFIED_AVERAGE_LINE = 110;
var MINIFIED_ANY_LINE = 2e3;
function collapseReason(path, bytes) {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base.endsWith(".map")) return "source-map";
  if (LOCKFILES.has(base)) return "lockfile";
  if (bytes && isMinified(bytes)) return "minified";
  return void 0;
}
function isMinified(bytes) {
  if (bytes.length <= MINIFIED_AVERAGE_LINE) return false;
  let lines = 0;
  let start2 = 0;
  for (; ; ) {
    const end = bytes.indexOf(10, start2);
    const stop = end === -1 ? bytes.length : end;
    if (stop - start2 > MINIFIED_ANY_LINE) return true;
    if (stop > start2 || end !== -1) lines++;
    if (end === -1) break;
    start2 = end + 1;
  }
  return lines > 0 && bytes.length / lines > MINIFIED_AVERAGE_LINE;
}

// lib/diff/text-diff.ts
import { isUtf8 } from "node:buffer";

// lib/diff/hunks.ts
var NO_NEWLINE_MARKER = "\\ No newline at end of file";
var DEFAULT_CONTEXT = 3;
function buildHunks(oldSource, newSource, changes, context = DEFAULT_CONTEXT) {
  const n1 = oldSource.count;
  const n2 = newSource.count;
  const oldMarkAt = oldSource.missingFinalNewline ? n1 - 1 : -1;
  const newMarkAt = newSource.missingFinalNewline ? n2 - 1 : -1;
  const ctx = Math.max(0, Math.floor(context));
  const maxCommon = 2 * ctx;
  const hunks = [];
  let additions = 0;
  let deletions = 0;
  for (let k = 0; k < changes.length; ) {
    let j = k;
    while (j + 1 < changes.length && changes[j + 1].oldStart - changes[j].oldEnd <= maxCommon) j++;
    const first = changes[k];
    const last = changes[j];
    const s1 = Math.max(first.oldStart - ctx, 0);
    const s2 = Math.max(first.newStart - ctx, 0);
    const postContext = Math.min(ctx, n1 - last.oldEnd, n2 - last.newEnd);
    const e1 = last.oldEnd + postContext;
    const e2 = last.newEnd + postContext;
    const lines = [];
    let p2 = s2;
    for (let c = k; c <= j; c++) {
      const change = changes[c];
      for (; p2 < change.newStart; p2++) {
        lines.push(` ${newSource.line(p2)}`);
        if (p2 === newMarkAt) lines.push(NO_NEWLINE_MARKER);
      }
      for (let i = change.oldStart; i < change.oldEnd; i++) {
        lines.push(`-${oldSource.line(i)}`);
        if (i === oldMarkAt) lines.push(NO_NEWLINE_MARKER);
      }
      for (let i = change.newStart; i < change.newEnd; i++) {
        lines.push(`+${newSource.line(i)}`);
        if (i === newMarkAt) lines.push(NO_NEWLINE_MARKER);
      }
      deletions += change.oldEnd - change.oldStart;
      additions += change.newEnd - change.newStart;
      p2 = change.newEnd;
    }
    for (; p2 < e2; p2++) {
      lines.push(` ${newSource.line(p2)}`);
      if (p2 === newMarkAt) lines.push(NO_NEWLINE_MARKER);
    }
    hunks.push({
      oldStart: e1 > s1 ? s1 + 1 : s1,
      oldLines: e1 - s1,
      newStart: e2 > s2 ? s2 + 1 : s2,
      newLines: e2 - s2,
      lines
    });
    k = j + 1;
  }
  return { hunks, additions, deletions };
}

// lib/diff/myers-heuristics.ts
var K_HEUR = 4;
var SNAKE_CNT = 20;
var LINE_MAX = 2147483647;
function snakeSplitForward(h1, off1, lim1, h2, off2, lim2, kvd, fo, fmin, fmax, fmid, ec, spl) {
  let best = 0;
  for (let d = fmax; d >= fmin; d -= 2) {
    const dd = d > fmid ? d - fmid : fmid - d;
    const i1 = kvd[fo + d];
    const i2 = i1 - d;
    const v = i1 - off1 + (i2 - off2) - dd;
    if (v > K_HEUR * ec && v > best && off1 + SNAKE_CNT <= i1 && i1 < lim1 && off2 + SNAKE_CNT <= i2 && i2 < lim2) {
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
function snakeSplitBackward(h1, off1, lim1, h2, off2, lim2, kvd, bo, bmin, bmax, bmid, ec, spl) {
  let best = 0;
  for (let d = bmax; d >= bmin; d -= 2) {
    const dd = d > bmid ? d - bmid : bmid - d;
    const i1 = kvd[bo + d];
    const i2 = i1 - d;
    const v = lim1 - i1 + (lim2 - i2) - dd;
    if (v > K_HEUR * ec && v > best && off1 < i1 && i1 <= lim1 - SNAKE_CNT && off2 < i2 && i2 <= lim2 - SNAKE_CNT) {
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
function furthestSplit(off1, lim1, off2, lim2, kvd, fo, bo, fmin, fmax, bmin, bmax, spl) {
  let fbest = -1;
  let fbest1 = -1;
  for (let d = fmax; d >= fmin; d -= 2) {
    let i1 = Math.min(kvd[fo + d], lim1);
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
    let i1 = Math.max(off1, kvd[bo + d]);
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

// lib/diff/myers.ts
var MAX_COST_MIN = 256;
var HEUR_MIN_COST = 256;
function bogosqrt(n) {
  let i = 1;
  for (let m = n; m > 0; m = Math.floor(m / 4)) i *= 2;
  return i;
}
function recsCmp(h1, index1, start1, changed1, h2, index2, start2, changed2, budget) {
  const n1 = h1.length;
  const n2 = h2.length;
  const ndiags = n1 + n2 + 3;
  const kvd = new Int32Array(2 * ndiags + 2);
  const fo = n2 + 1;
  const bo = ndiags + n2 + 1;
  const mxcost = Math.max(bogosqrt(ndiags), MAX_COST_MIN);
  const spl = { i1: 0, i2: 0, minLo: false, minHi: false };
  const stack = [0, n1, 0, n2, 0];
  while (stack.length > 0) {
    const needMin = stack.pop() === 1;
    let lim2 = stack.pop();
    let off2 = stack.pop();
    let lim1 = stack.pop();
    let off1 = stack.pop();
    while (off1 < lim1 && off2 < lim2 && h1[off1] === h2[off2]) {
      off1++;
      off2++;
    }
    while (off1 < lim1 && off2 < lim2 && h1[lim1 - 1] === h2[lim2 - 1]) {
      lim1--;
      lim2--;
    }
    if (off1 === lim1) {
      for (; off2 < lim2; off2++) changed2[start2 + index2[off2] + 1] = 1;
    } else if (off2 === lim2) {
      for (; off1 < lim1; off1++) changed1[start1 + index1[off1] + 1] = 1;
    } else {
      split(h1, off1, lim1, h2, off2, lim2, kvd, fo, bo, needMin, mxcost, spl, budget);
      stack.push(off1, spl.i1, off2, spl.i2, spl.minLo ? 1 : 0);
      stack.push(spl.i1, lim1, spl.i2, lim2, spl.minHi ? 1 : 0);
    }
  }
}
function split(h1, off1, lim1, h2, off2, lim2, kvd, fo, bo, needMin, mxcost, spl, budget) {
  const dmin = off1 - lim2;
  const dmax = lim1 - off2;
  const fmid = off1 - off2;
  const bmid = lim1 - lim2;
  const odd = (fmid - bmid & 1) !== 0;
  let fmin = fmid;
  let fmax = fmid;
  let bmin = bmid;
  let bmax = bmid;
  kvd[fo + fmid] = off1;
  kvd[bo + bmid] = lim1;
  for (let ec = 1; ; ec++) {
    let gotSnake = false;
    budget.spend(fmax - fmin + bmax - bmin + 4);
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
      const lo = kvd[fo + d - 1];
      const hi = kvd[fo + d + 1];
      let i1 = lo >= hi ? lo + 1 : hi;
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 < lim1 && i2 < lim2 && h1[i1] === h2[i2]) {
        i1++;
        i2++;
      }
      if (i1 - prev1 > SNAKE_CNT) gotSnake = true;
      kvd[fo + d] = i1;
      if (odd && bmin <= d && d <= bmax && kvd[bo + d] <= i1) {
        spl.i1 = i1;
        spl.i2 = i2;
        spl.minLo = spl.minHi = true;
        return;
      }
    }
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
      const lo = kvd[bo + d - 1];
      const hi = kvd[bo + d + 1];
      let i1 = lo < hi ? lo : hi - 1;
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 > off1 && i2 > off2 && h1[i1 - 1] === h2[i2 - 1]) {
        i1--;
        i2--;
      }
      if (prev1 - i1 > SNAKE_CNT) gotSnake = true;
      kvd[bo + d] = i1;
      if (!odd && fmin <= d && d <= fmax && i1 <= kvd[fo + d]) {
        spl.i1 = i1;
        spl.i2 = i2;
        spl.minLo = spl.minHi = true;
        return;
      }
    }
    if (needMin) continue;
    if (gotSnake && ec > HEUR_MIN_COST) {
      if (snakeSplitForward(h1, off1, lim1, h2, off2, lim2, kvd, fo, fmin, fmax, fmid, ec, spl)) return;
      if (snakeSplitBackward(h1, off1, lim1, h2, off2, lim2, kvd, bo, bmin, bmax, bmid, ec, spl)) return;
    }
    if (ec >= mxcost) {
      furthestSplit(off1, lim1, off2, lim2, kvd, fo, bo, fmin, fmax, bmin, bmax, spl);
      return;
    }
  }
}

// lib/diff/classic-diff.ts
var KPDIS_RUN = 4;
var MAX_EQLIMIT = 1024;
var SIMSCAN_WINDOW = 100;
function classicDiff(env, start1, count1, start2, count2) {
  const { a, b, changedA, changedB } = env;
  const shorter = Math.min(count1, count2);
  let prefix = 0;
  while (prefix < shorter && a[start1 + prefix] === b[start2 + prefix]) prefix++;
  let suffix = 0;
  const maxSuffix = shorter - prefix;
  while (suffix < maxSuffix && a[start1 + count1 - 1 - suffix] === b[start2 + count2 - 1 - suffix]) suffix++;
  const dend1 = count1 - suffix - 1;
  const dend2 = count2 - suffix - 1;
  const counts = env.counts ??= new Int32Array(env.idCount);
  const dis1 = classify(a, start1, count1, prefix, dend1, b, start2, count2, counts);
  const dis2 = classify(b, start2, count2, prefix, dend2, a, start1, count1, counts);
  env.budget.spend(count1 + count2);
  const kept1 = keepRecords(a, start1, prefix, dend1, dis1, changedA);
  const kept2 = keepRecords(b, start2, prefix, dend2, dis2, changedB);
  recsCmp(kept1.ids, kept1.index, start1, changedA, kept2.ids, kept2.index, start2, changedB, env.budget);
}
function classify(own, ownStart, ownCount, from, to, other, otherStart, otherCount, counts) {
  for (let i = 0; i < otherCount; i++) counts[other[otherStart + i]]++;
  const mlim = Math.min(bogosqrt(ownCount), MAX_EQLIMIT);
  const dis = new Uint8Array(ownCount);
  for (let i = from; i <= to; i++) {
    const nm = counts[own[ownStart + i]];
    dis[i] = nm === 0 ? 0 : nm >= mlim ? 2 : 1;
  }
  for (let i = 0; i < otherCount; i++) counts[other[otherStart + i]] = 0;
  return dis;
}
function keepRecords(ids, start2, from, to, dis, changed) {
  const size = Math.max(0, to - from + 1);
  const keptIds = new Int32Array(size);
  const keptIndex = new Int32Array(size);
  let n = 0;
  for (let i = from; i <= to; i++) {
    const d = dis[i];
    if (d === 1 || d === 2 && !cleanMmatch(dis, i, from, to)) {
      keptIndex[n] = i;
      keptIds[n] = ids[start2 + i];
      n++;
    } else {
      changed[start2 + i + 1] = 1;
    }
  }
  return { ids: keptIds.subarray(0, n), index: keptIndex.subarray(0, n) };
}
function cleanMmatch(dis, i, start2, end) {
  let s = start2;
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

// lib/diff/indent-heuristic.ts
var MAX_INDENT = 200;
var MAX_BLANKS = 20;
var START_OF_FILE_PENALTY = 1;
var END_OF_FILE_PENALTY = 21;
var TOTAL_BLANK_WEIGHT = -30;
var POST_BLANK_WEIGHT = 6;
var RELATIVE_INDENT_PENALTY = -4;
var RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
var RELATIVE_OUTDENT_PENALTY = 24;
var RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
var RELATIVE_DEDENT_PENALTY = 23;
var RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
function getIndentBytes(bytes, start2, end) {
  let ret = 0;
  for (let i = start2; i < end; i++) {
    const c = bytes[i];
    if (c === 32) ret += 1;
    else if (c === 9) ret += 8 - ret % 8;
    else if (c !== 13 && c !== 10) return ret;
    if (ret >= MAX_INDENT) return MAX_INDENT;
  }
  return -1;
}
function scoreSplit(indentOf, nrec, split2, s) {
  const endOfFile = split2 >= nrec;
  const indent = endOfFile ? -1 : indentOf(split2);
  let preBlank = 0;
  let preIndent = -1;
  for (let i = split2 - 1; i >= 0; i--) {
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
  for (let i = split2 + 1; i < nrec; i++) {
    postIndent = indentOf(i);
    if (postIndent !== -1) break;
    postBlankAfter += 1;
    if (postBlankAfter === MAX_BLANKS) {
      postIndent = 0;
      break;
    }
  }
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
  } else if (effective > preIndent) {
    s.penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
  } else if (effective === preIndent) {
  } else if (postIndent !== -1 && postIndent > effective) {
    s.penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
  } else {
    s.penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
  }
}

// lib/diff/compact.ts
var INDENT_HEURISTIC_MAX_SLIDING = 100;
function groupInit(changed, g) {
  g.start = g.end = 0;
  while (changed[g.end + 1]) g.end++;
}
function groupNext(changed, nrec, g) {
  if (g.end === nrec) return false;
  g.start = g.end + 1;
  g.end = g.start;
  while (changed[g.end + 1]) g.end++;
  return true;
}
function groupPrevious(changed, g) {
  if (g.start === 0) return false;
  g.end = g.start - 1;
  g.start = g.end;
  while (changed[g.start]) g.start--;
  return true;
}
function slideDown(side, g) {
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
function slideUp(side, g) {
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
function broken(what) {
  throw new Error(`diff compaction: group sync broken ${what}`);
}
function changeCompact(side, other, indentHeuristic, budget) {
  const nrec = side.ids.length;
  const orec = other.ids.length;
  const g = { start: 0, end: 0 };
  const go = { start: 0, end: 0 };
  groupInit(side.changed, g);
  groupInit(other.changed, go);
  for (; ; ) {
    if (g.end !== g.start) {
      let groupsize;
      let earliestEnd;
      let endMatchingOther;
      do {
        groupsize = g.end - g.start;
        endMatchingOther = -1;
        while (slideUp(side, g)) {
          if (!groupPrevious(other.changed, go)) broken("sliding up");
        }
        earliestEnd = g.end;
        if (go.end > go.start) endMatchingOther = g.end;
        for (; ; ) {
          if (!slideDown(side, g)) break;
          if (!groupNext(other.changed, orec, go)) broken("sliding down");
          if (go.end > go.start) endMatchingOther = g.end;
        }
      } while (groupsize !== g.end - g.start);
      if (g.end === earliestEnd) {
      } else if (endMatchingOther !== -1) {
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
    budget?.spend(g.end - g.start + 1);
    if (!groupNext(side.changed, nrec, g)) break;
    if (!groupNext(other.changed, orec, go)) broken("moving to next group");
  }
  if (groupNext(other.changed, orec, go)) broken("at end of file");
}
function bestIndentShift(indentOf, nrec, end, groupsize, earliestEnd) {
  let shift = earliestEnd;
  if (end - groupsize - 1 > shift) shift = end - groupsize - 1;
  if (end - INDENT_HEURISTIC_MAX_SLIDING > shift) shift = end - INDENT_HEURISTIC_MAX_SLIDING;
  let bestShift = -1;
  const best = { effectiveIndent: 0, penalty: 0 };
  const score = { effectiveIndent: 0, penalty: 0 };
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
var INDENT_WEIGHT = 60;
function compareScores(s1, s2) {
  const cmpIndents = (s1.effectiveIndent > s2.effectiveIndent ? 1 : 0) - (s1.effectiveIndent < s2.effectiveIndent ? 1 : 0);
  return INDENT_WEIGHT * cmpIndents + (s1.penalty - s2.penalty);
}

// lib/diff/histogram.ts
var MAX_CHAIN_LENGTH = 64;
var HistogramIndex = class {
  /** First occurrence of an id in the region (record->ptr), valid when stamped with the current epoch. */
  recPtr;
  /** Occurrences of an id in the region (record->cnt). */
  recCnt;
  recEpoch;
  /** Next occurrence of the same line after line `ptr` (next_ptrs), 0 at the end. */
  nextPtr;
  epoch = 0;
  cnt = 0;
  hasCommon = false;
  begin1 = 0;
  end1 = 0;
  begin2 = 0;
  end2 = 0;
  constructor(idCount, oldLines) {
    this.recPtr = new Int32Array(idCount);
    this.recCnt = new Int32Array(idCount);
    this.recEpoch = new Int32Array(idCount);
    this.nextPtr = new Int32Array(oldLines + 1);
  }
};
function histogramDiff(env) {
  const n1 = env.a.length;
  const n2 = env.b.length;
  const index = new HistogramIndex(env.idCount, n1);
  const { changedA, changedB, budget } = env;
  const stack = [1, n1, 1, n2];
  while (stack.length > 0) {
    let count2 = stack.pop();
    let line2 = stack.pop();
    let count1 = stack.pop();
    let line1 = stack.pop();
    for (; ; ) {
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
function findLcs(env, index, line1, count1, line2, count2) {
  const { a } = env;
  const { recPtr, recCnt, recEpoch, nextPtr } = index;
  const epoch = ++index.epoch;
  for (let ptr = line1 + count1 - 1; ptr >= line1; ptr--) {
    const id = a[ptr - 1];
    if (recEpoch[id] === epoch) {
      nextPtr[ptr] = recPtr[id];
      recPtr[id] = ptr;
      recCnt[id]++;
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
function tryLcs(env, index, bPtr, line1, count1, line2, count2) {
  let bNext = bPtr + 1;
  const { a, b } = env;
  const id = b[bPtr - 1];
  if (index.recEpoch[id] !== index.epoch) return bNext;
  const recCnt = index.recCnt;
  const cnt = recCnt[id];
  if (cnt > index.cnt) {
    index.hasCommon = true;
    return bNext;
  }
  index.hasCommon = true;
  const nextPtr = index.nextPtr;
  const last1 = line1 + count1 - 1;
  const last2 = line2 + count2 - 1;
  let as = index.recPtr[id];
  let work = 1;
  for (; ; ) {
    let np = nextPtr[as];
    let bs = bPtr;
    let ae = as;
    let be = bs;
    let rc = cnt;
    while (line1 < as && line2 < bs && a[as - 2] === b[bs - 2]) {
      as--;
      bs--;
      if (1 < rc) rc = Math.min(rc, recCnt[a[as - 1]]);
    }
    while (ae < last1 && be < last2 && a[ae] === b[be]) {
      ae++;
      be++;
      if (1 < rc) rc = Math.min(rc, recCnt[a[ae - 1]]);
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
    while (np <= ae) {
      np = nextPtr[np];
      if (np === 0) break;
    }
    if (np === 0) break;
    as = np;
  }
  env.budget.spend(work);
  return bNext;
}

// lib/diff/intern-bytes.ts
var FNV_OFFSET = 2166136261 ^ Math.floor(Math.random() * 2147483647) | 0;
var FNV_PRIME = 16777619;
var NATIVE_COMPARE_FROM = 96;
var REP = 4;
function internBuffers(oldBytes, newBytes, ignoreWhitespace, budget) {
  const table = new LineTable(oldBytes, newBytes, ignoreWhitespace, (oldBytes.length + newBytes.length) / 256, budget);
  const oldSide = scan(table, 0, oldBytes, ignoreWhitespace, void 0);
  const newSide = scan(table, 1, newBytes, ignoreWhitespace, ignoreWhitespace ? void 0 : oldSide);
  return { old: oldSide.buffer, new: newSide.buffer, oldIds: oldSide.ids, newIds: newSide.ids, idCount: table.size };
}
function scan(table, side, bytes, ignoreWhitespace, guide) {
  const len = bytes.length;
  let capacity = Math.max(16, Math.ceil(len / 32));
  let starts = new Int32Array(capacity + 1);
  let ids = new Int32Array(capacity);
  let count = 0;
  let pos = 0;
  let guess = 0;
  while (pos < len) {
    if (count === capacity) {
      capacity *= 2;
      const grownStarts = new Int32Array(capacity + 1);
      grownStarts.set(starts);
      starts = grownStarts;
      const grownIds = new Int32Array(capacity);
      grownIds.set(ids);
      ids = grownIds;
    }
    if (guide !== void 0 && guess < guide.buffer.count) {
      const guessed = matchGuess(guide, guess, bytes, pos);
      if (guessed >= 0) {
        starts[count] = pos;
        ids[count] = guide.ids[guess];
        count++;
        pos = guessed + 1;
        guess++;
        continue;
      }
    }
    let h = FNV_OFFSET;
    let i = pos;
    if (ignoreWhitespace) {
      for (; i < len; i++) {
        const c = bytes[i];
        if (c === 10) break;
        if (c === 32 || c === 9 || c === 13) continue;
        h = Math.imul(h ^ c, FNV_PRIME);
      }
    } else {
      for (; i < len; i++) {
        const c = bytes[i];
        if (c === 10) break;
        h = Math.imul(h ^ c, FNV_PRIME);
      }
    }
    const noEol = i === len && !ignoreWhitespace;
    starts[count] = pos;
    const id = table.intern(side, pos, i, noEol ? ~h : h, noEol, count);
    ids[count] = id;
    count++;
    pos = i + 1;
    if (guide !== void 0) {
      const oldLine = table.oldLineOf(id);
      guess = oldLine >= 0 ? oldLine + 1 : guess + 1;
    }
  }
  starts[count] = pos;
  return {
    buffer: {
      bytes,
      starts: starts.subarray(0, count + 1),
      count,
      missingFinalNewline: len > 0 && bytes[len - 1] !== 10
    },
    ids: ids.subarray(0, count)
  };
}
function matchGuess(guide, line, bytes, pos) {
  const { bytes: oldBytes, starts } = guide.buffer;
  const gs = starts[line];
  const ge = starts[line + 1] - 1;
  const end = pos + (ge - gs);
  if (ge === oldBytes.length) {
    if (end !== bytes.length) return -1;
  } else if (end >= bytes.length || bytes[end] !== 10) {
    return -1;
  }
  return sameBytes(oldBytes, gs, ge, bytes, pos) ? end : -1;
}
function sameBytes(x, xs, xe, y, ys) {
  const len = xe - xs;
  if (len >= NATIVE_COMPARE_FROM) return y.compare(x, xs, xe, ys, ys + len) === 0;
  for (let k = 0; k < len; k++) if (x[xs + k] !== y[ys + k]) return false;
  return true;
}
var LineTable = class {
  oldBytes;
  newBytes;
  ignoreWhitespace;
  /** Slot count - 1 (a power of two minus one). */
  mask;
  /** Per slot: [hash, id + 1]; id + 1 === 0 marks an empty slot. */
  slots;
  /** Per id: [start, end, flags, line] of its first occurrence; flags: bit 0 = new side, bit 1 = no final newline. */
  reps;
  budget;
  size = 0;
  constructor(oldBytes, newBytes, ignoreWhitespace, expectedLines, budget) {
    this.budget = budget;
    this.oldBytes = oldBytes;
    this.newBytes = newBytes;
    this.ignoreWhitespace = ignoreWhitespace;
    let slotCount = 1024;
    while (slotCount < expectedLines * 2) slotCount *= 2;
    this.mask = slotCount - 1;
    this.slots = new Int32Array(slotCount * 2);
    this.reps = new Int32Array(slotCount / 2 * REP);
  }
  intern(side, start2, end, hash, noEol, line) {
    const slots = this.slots;
    const mask = this.mask;
    const flags = side | (noEol ? 2 : 0);
    let idx = (hash ^ hash >>> 15) & mask;
    for (let probes = 1; ; probes++) {
      const entry = slots[2 * idx + 1];
      if (entry === 0) break;
      if (slots[2 * idx] === hash) {
        const id2 = entry - 1;
        if (((this.reps[REP * id2 + 2] ^ flags) & 2) === 0 && this.sameLine(id2, side, start2, end)) return id2;
      }
      idx = idx + 1 & mask;
      if ((probes & 63) === 0) this.budget?.spend(64);
    }
    const id = this.size++;
    slots[2 * idx] = hash;
    slots[2 * idx + 1] = id + 1;
    const reps = this.reps;
    reps[REP * id] = start2;
    reps[REP * id + 1] = end;
    reps[REP * id + 2] = flags;
    reps[REP * id + 3] = line;
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }
  sameLine(id, side, start2, end) {
    const reps = this.reps;
    const xs = reps[REP * id];
    const xe = reps[REP * id + 1];
    const x = (reps[REP * id + 2] & 1) === 0 ? this.oldBytes : this.newBytes;
    const y = side === 0 ? this.oldBytes : this.newBytes;
    if (this.ignoreWhitespace) return sameIgnoringWhitespace(x, xs, xe, y, start2, end);
    return xe - xs === end - start2 && sameBytes(x, xs, xe, y, start2);
  }
  /** Line number of the id's first occurrence when that is in the old side, else -1. */
  oldLineOf(id) {
    return (this.reps[REP * id + 2] & 1) === 0 ? this.reps[REP * id + 3] : -1;
  }
  grow() {
    const old = this.slots;
    const slotCount = (this.mask + 1) * 2;
    const mask = slotCount - 1;
    const slots = new Int32Array(slotCount * 2);
    for (let k = 0; k < old.length; k += 2) {
      if (old[k + 1] === 0) continue;
      const hash = old[k];
      let idx = (hash ^ hash >>> 15) & mask;
      while (slots[2 * idx + 1] !== 0) idx = idx + 1 & mask;
      slots[2 * idx] = hash;
      slots[2 * idx + 1] = old[k + 1];
    }
    this.mask = mask;
    this.slots = slots;
    const reps = new Int32Array(slotCount / 2 * REP);
    reps.set(this.reps);
    this.reps = reps;
  }
};
function isSpace(c) {
  return c === 32 || c === 9 || c === 13;
}
function sameIgnoringWhitespace(x, xs, xe, y, ys, ye) {
  let i = xs;
  let j = ys;
  for (; ; ) {
    while (i < xe && isSpace(x[i])) i++;
    while (j < ye && isSpace(y[j])) j++;
    if (i === xe || j === ye) return i === xe && j === ye;
    if (x[i] !== y[j]) return false;
    i++;
    j++;
  }
}

// lib/diff/line-source.ts
function bufferSource(buffer) {
  const { bytes, starts } = buffer;
  return {
    count: buffer.count,
    missingFinalNewline: buffer.missingFinalNewline,
    line: (i) => bytes.toString("utf8", starts[i], starts[i + 1] - 1),
    indent: (i) => getIndentBytes(bytes, starts[i], starts[i + 1] - 1)
  };
}
function indexLines(bytes) {
  const len = bytes.length;
  let starts = new Int32Array(Math.max(16, Math.ceil(len / 32)) + 1);
  let count = 0;
  let pos = 0;
  while (pos < len) {
    if (count + 1 >= starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = pos;
    const eol = bytes.indexOf(10, pos);
    pos = eol < 0 ? len + 1 : eol + 1;
  }
  starts[count] = pos;
  return {
    bytes,
    starts: starts.subarray(0, count + 1),
    count,
    missingFinalNewline: len > 0 && bytes[len - 1] !== 10
  };
}

// lib/diff/line-diff.ts
function diffBuffers(oldBytes, newBytes, options = {}) {
  const budget = new Budget(options.deadline);
  budget.check();
  const interned = internBuffers(asBuffer(oldBytes), asBuffer(newBytes), options.ignoreWhitespace === true, budget);
  const oldSource = bufferSource(interned.old);
  const newSource = bufferSource(interned.new);
  const changes = diffInterned(interned.oldIds, interned.newIds, interned.idCount, oldSource, newSource, options);
  return { changes, old: oldSource, new: newSource };
}
function diffInterned(a, b, idCount, oldSource, newSource, options) {
  const env = {
    a,
    b,
    changedA: new Uint8Array(a.length + 2),
    changedB: new Uint8Array(b.length + 2),
    idCount,
    budget: new Budget(options.deadline)
  };
  if (options.algorithm === "myers") classicDiff(env, 0, a.length, 0, b.length);
  else histogramDiff(env);
  const indentHeuristic = options.indentHeuristic ?? true;
  const oldSide = { ids: a, changed: env.changedA, indent: oldSource.indent };
  const newSide = { ids: b, changed: env.changedB, indent: newSource.indent };
  changeCompact(oldSide, newSide, indentHeuristic, env.budget);
  changeCompact(newSide, oldSide, indentHeuristic, env.budget);
  return buildScript(env.changedA, a.length, env.changedB, b.length);
}
function buildScript(changedA, n1, changedB, n2) {
  const changes = [];
  let i1 = 0;
  let i2 = 0;
  while (i1 < n1 || i2 < n2) {
    if (changedA[i1 + 1] || changedB[i2 + 1]) {
      const oldStart = i1;
      const newStart = i2;
      while (changedA[i1 + 1]) i1++;
      while (changedB[i2 + 1]) i2++;
      changes.push({ oldStart, oldEnd: i1, newStart, newEnd: i2 });
    } else {
      i1++;
      i2++;
    }
  }
  return changes;
}

// lib/diff/text-diff.ts
var NO_BYTES = Buffer.alloc(0);
function isText(bytes) {
  return isUtf8(bytes);
}
function diffTextBytes(oldBytes, newBytes, options = {}) {
  const oldBuf = oldBytes === void 0 ? NO_BYTES : asBuffer(oldBytes);
  const newBuf = newBytes === void 0 ? NO_BYTES : asBuffer(newBytes);
  if (oldBuf.length === 0 || newBuf.length === 0) {
    const old = indexLines(oldBuf);
    const neu = indexLines(newBuf);
    const changes = old.count + neu.count === 0 ? [] : [{ oldStart: 0, oldEnd: old.count, newStart: 0, newEnd: neu.count }];
    return buildHunks(bufferSource(old), bufferSource(neu), changes, options.context);
  }
  const diff = diffBuffers(oldBuf, newBuf, {
    ignoreWhitespace: options.ignoreWhitespace,
    deadline: options.deadline,
    algorithm: options.algorithm
  });
  return buildHunks(diff.old, diff.new, diff.changes, options.context);
}

// lib/diff/file-diff.ts
function diffFile(oldEntry, newEntry, options) {
  if (oldEntry === void 0 && newEntry === void 0) return null;
  if (oldEntry && oldEntry.kind !== "file" || newEntry && newEntry.kind !== "file") {
    return diffSpecial(oldEntry, newEntry);
  }
  return diffFiles(oldEntry, newEntry, options);
}
function diffFiles(oldFile, newFile, options) {
  const either = newFile ?? oldFile;
  const oldSize = oldFile?.bytes.byteLength ?? 0;
  const newSize = newFile?.bytes.byteLength ?? 0;
  let sameBytes2 = false;
  if (oldFile && newFile) {
    sameBytes2 = oldSize === newSize && asBuffer(oldFile.bytes).equals(asBuffer(newFile.bytes));
    if (sameBytes2 && gitFileMode(oldFile.mode) === gitFileMode(newFile.mode)) return null;
  }
  const base = {
    path: either.path,
    status: oldFile === void 0 ? "added" : newFile === void 0 ? "removed" : "modified",
    binary: (oldFile?.binary ?? false) || (newFile?.binary ?? false),
    oldSize,
    newSize,
    additions: 0,
    deletions: 0
  };
  if (oldFile) base.oldMode = oldFile.mode;
  if (newFile) base.newMode = newFile.mode;
  if (sameBytes2) return { ...base, hunks: [] };
  if (base.binary) return binaryDiff(base);
  if (Math.max(oldSize, newSize) > options.maxFileBytes) return { ...base, skipped: "too_large" };
  if (oldFile && !isText(oldFile.bytes) || newFile && !isText(newFile.bytes)) return binaryDiff(base);
  try {
    const result = diffTextBytes(oldFile?.bytes, newFile?.bytes, {
      context: options.context,
      ignoreWhitespace: options.ignoreWhitespace,
      deadline: Math.min(Date.now() + options.budgetMs, options.deadline ?? Number.POSITIVE_INFINITY)
    });
    const collapsed = collapseReason(base.path, (newFile ?? oldFile)?.bytes);
    return {
      ...base,
      additions: result.additions,
      deletions: result.deletions,
      hunks: result.hunks,
      ...collapsed ? { collapsed } : {}
    };
  } catch (error) {
    if (isDiffBudgetExceeded(error)) return { ...base, skipped: "budget" };
    throw error;
  }
}
function binaryDiff(base) {
  return { ...base, status: base.status === "modified" ? "binary" : base.status, binary: true, skipped: "binary" };
}
function describe(entry) {
  switch (entry.kind) {
    case "file":
      return "regular file";
    case "symlink":
      return `symlink \u2192 ${entry.linkTarget ?? ""}`;
    case "hardlink":
      return `hard link \u2192 ${entry.linkTarget ?? ""}`;
    default:
      return entry.tarType;
  }
}
function sameSpecial(a, b) {
  return b.kind === a.kind && b.linkTarget === a.linkTarget && b.tarType === a.tarType;
}
function diffSpecial(oldEntry, newEntry) {
  if (oldEntry && newEntry && oldEntry.kind !== "file" && sameSpecial(oldEntry, newEntry)) return null;
  const either = newEntry ?? oldEntry;
  let note = describe(either);
  if (oldEntry && newEntry) {
    const before = describe(oldEntry);
    note = newEntry.kind !== "file" && newEntry.kind === oldEntry.kind && newEntry.kind !== "other" ? `${before} changed to \u2192 ${newEntry.linkTarget ?? ""}` : `${before} changed to ${describe(newEntry)}`;
  }
  const diff = {
    path: either.path,
    status: oldEntry === void 0 ? "added" : newEntry === void 0 ? "removed" : "modified",
    binary: false,
    oldSize: oldEntry?.kind === "file" ? oldEntry.bytes.byteLength : 0,
    newSize: newEntry?.kind === "file" ? newEntry.bytes.byteLength : 0,
    additions: 0,
    deletions: 0,
    hunks: [],
    note
  };
  if (oldEntry) diff.oldMode = oldEntry.mode;
  if (newEntry) diff.newMode = newEntry.mode;
  return diff;
}

// lib/cache/lru.ts
var LruCache = class {
  constructor(maxSize, sizeOf, maxEntries = Number.POSITIVE_INFINITY) {
    this.maxSize = maxSize;
    this.sizeOf = sizeOf;
    this.maxEntries = maxEntries;
  }
  maxSize;
  sizeOf;
  maxEntries;
  map = /* @__PURE__ */ new Map();
  total = 0;
  get(key) {
    const hit = this.map.get(key);
    if (!hit) return void 0;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }
  set(key, value) {
    const size = this.sizeOf(value);
    this.delete(key);
    if (size > this.maxSize) return;
    this.map.set(key, { value, size });
    this.total += size;
    for (const [oldKey, old] of this.map) {
      if (this.total <= this.maxSize && this.map.size <= this.maxEntries) break;
      this.map.delete(oldKey);
      this.total -= old.size;
    }
  }
  delete(key) {
    const hit = this.map.get(key);
    if (!hit) return;
    this.map.delete(key);
    this.total -= hit.size;
  }
  get size() {
    return this.total;
  }
  get count() {
    return this.map.size;
  }
};

// lib/html/escape.ts
var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

// lib/render/diff-rows.ts
function diffRows(file) {
  const rows = [];
  for (const hunk of file.hunks ?? []) {
    rows.push({ type: "hunk", header: hunkHeader(hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines) });
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      const sign = line[0];
      const html = escapeHtml(line.slice(1));
      if (sign === "\\") {
        rows.push({ type: "no-newline" });
      } else if (sign === "+") {
        rows.push({ type: "line", kind: "add", newLine: newLine++, html });
      } else if (sign === "-") {
        rows.push({ type: "line", kind: "del", oldLine: oldLine++, html });
      } else {
        rows.push({ type: "line", kind: "context", oldLine: oldLine++, newLine: newLine++, html });
      }
    }
  }
  return rows;
}
function neededLines(rows) {
  const ranges = { old: [], new: [] };
  const add = (list, line) => {
    const last = list.at(-1);
    if (last && line - 1 <= last.end + 1) last.end = Math.max(last.end, line - 1);
    else list.push({ start: line - 1, end: line - 1 });
  };
  for (const row of rows) {
    if (row.type !== "line") continue;
    if (row.kind === "del" && row.oldLine !== void 0) add(ranges.old, row.oldLine);
    else if (row.newLine !== void 0) add(ranges.new, row.newLine);
  }
  return ranges;
}
function highlightRows(rows, sides) {
  return rows.map((row) => {
    if (row.type !== "line") return row;
    const html = row.kind === "del" ? sides.old?.[(row.oldLine ?? 0) - 1] : sides.new?.[(row.newLine ?? 0) - 1];
    return html === void 0 ? row : { ...row, html };
  });
}
function hunkHeader(oldStart, oldLines, newStart, newLines) {
  const range = (start2, count) => count === 1 ? `${start2}` : `${start2},${count}`;
  return `@@ -${range(oldStart, oldLines)} +${range(newStart, newLines)} @@`;
}

// lib/render/anchors.ts
function fileAnchor(path) {
  return `file-${encodeURI(path)}`;
}
function lineAnchor(path, side, line) {
  return `${fileAnchor(path)}-${side}${line}`;
}

// lib/render/diff-table-html.ts
function diffTableHtml(path, rows) {
  const parts = ['<table class="diff hl"><colgroup><col class="num"><col class="num"><col></colgroup><tbody>'];
  for (const row of rows) {
    if (row.type === "hunk") {
      parts.push(`<tr class="hunk"><td colspan="3">${escapeHtml(row.header)}</td></tr>`);
    } else if (row.type === "no-newline") {
      parts.push('<tr class="no-newline"><td class="num"></td><td class="num"></td><td class="code">\\ No newline at end of file</td></tr>');
    } else {
      parts.push(
        `<tr class="${row.kind}">${numCell(path, "L", row.oldLine)}${numCell(path, "R", row.newLine)}<td class="code">${row.html}</td></tr>`
      );
    }
  }
  parts.push("</tbody></table>");
  return parts.join("");
}
function numCell(path, side, line) {
  if (line === void 0) return '<td class="num"></td>';
  const id = escapeHtml(lineAnchor(path, side, line));
  return `<td class="num" id="${id}"><a href="#${id}">${line}</a></td>`;
}

// lib/highlight/highlighter.ts
import {
  bundledLanguages,
  createCssVariablesTheme,
  createHighlighter
} from "shiki";

// lib/highlight/language.ts
function languageForPath(path) {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const byName = BY_NAME[base];
  if (byName) return byName;
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return "text";
  return BY_EXTENSION[base.slice(dot + 1)] ?? "text";
}
var BY_NAME = {
  "package.json": "json",
  ".npmignore": "shellscript",
  ".gitignore": "shellscript",
  dockerfile: "docker",
  makefile: "make"
};
var BY_EXTENSION = {
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "jsx",
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  json: "json",
  jsonc: "jsonc",
  json5: "json5",
  md: "markdown",
  markdown: "markdown",
  css: "css",
  scss: "scss",
  less: "less",
  html: "html",
  htm: "html",
  vue: "vue",
  svelte: "svelte",
  yml: "yaml",
  yaml: "yaml",
  sh: "shellscript",
  bash: "shellscript",
  py: "python",
  rs: "rust",
  go: "go",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  hpp: "cpp",
  ex: "elixir",
  exs: "elixir",
  erl: "erlang",
  toml: "toml",
  xml: "xml",
  svg: "xml",
  graphql: "graphql",
  gql: "graphql",
  flow: "javascript",
  coffee: "coffee"
};
var KNOWN_LANGUAGES = [.../* @__PURE__ */ new Set([...Object.values(BY_NAME), ...Object.values(BY_EXTENSION)])];

// lib/highlight/highlighter.ts
var MAX_TOKENIZED_LINE = 2e3;
var THEME = createCssVariablesTheme({ name: "pkgdiff", variablePrefix: "--hl-", fontStyle: true });
var VAR_PREFIX = "var(--hl-";
var highlighter;
var loaded = /* @__PURE__ */ new Set();
function getHighlighter() {
  highlighter ??= createHighlighter({ themes: [THEME], langs: [] });
  return highlighter;
}
function isBundledLanguage(lang) {
  return KNOWN_LANGUAGES.includes(lang) && lang in bundledLanguages;
}
async function ready(lang) {
  if (!isBundledLanguage(lang)) return void 0;
  const h = await getHighlighter();
  if (!loaded.has(lang)) {
    try {
      await h.loadLanguage(lang);
    } catch {
      return void 0;
    }
    loaded.add(lang);
  }
  return h;
}
async function highlightLines(lines, lang) {
  const h = lang === "text" ? void 0 : await ready(lang);
  if (!h) return lines.map(escapeHtml);
  const tokens = h.codeToTokensBase(lines.join("\n"), {
    lang,
    theme: THEME,
    tokenizeMaxLineLength: MAX_TOKENIZED_LINE,
    tokenizeTimeLimit: 200
  });
  return tokens.map(renderLine);
}
function renderLine(line) {
  let html = "";
  for (const token of line) {
    const text = escapeHtml(token.content);
    const cls = tokenClass(token);
    html += cls ? `<span class="${cls}">${text}</span>` : text;
  }
  return html;
}
function tokenClass(token) {
  const colour = token.color ?? "";
  let cls = "";
  if (colour.startsWith(VAR_PREFIX)) {
    const name = colour.slice(VAR_PREFIX.length, -1).replace(/^token-/, "");
    if (name !== "foreground") cls = `t-${name}`;
  }
  const style = token.fontStyle ?? 0;
  if (style > 0) {
    if (style & 1) cls += " fi";
    if (style & 2) cls += " fb";
  }
  return cls.trim();
}

// lib/highlight/windows.ts
function tokenWindows(needed, lineCount, { wholeFileLines, lead }) {
  if (needed.length === 0 || lineCount === 0) return [];
  if (lineCount <= wholeFileLines) return [{ start: 0, end: lineCount - 1 }];
  const sorted = [...needed].sort((a, b) => a.start - b.start);
  const windows = [];
  for (const range of sorted) {
    const start2 = Math.max(0, range.start - lead);
    const end = Math.min(lineCount - 1, range.end);
    const last = windows.at(-1);
    if (last && start2 <= last.end + 1) last.end = Math.max(last.end, end);
    else windows.push({ start: start2, end });
  }
  return windows;
}

// lib/render/file-sides.ts
var decoder = new TextDecoder("utf-8");
var WHOLE_FILE_LINES = 4e3;
var WINDOW_LEAD = 200;
function linesOf(tree, path) {
  if (!path) return void 0;
  const entry = tree.entries.get(path);
  return entry?.kind === "file" && !entry.binary ? decoder.decode(entry.bytes).split("\n") : void 0;
}
async function highlightSides(file, oldTree, newTree, needed) {
  const lang = languageForPath(file.path);
  const [oldLines, newLines] = await Promise.all([
    needed.old.length ? highlightSide(linesOf(oldTree, file.oldPath ?? file.path), needed.old, lang) : void 0,
    needed.new.length ? highlightSide(linesOf(newTree, file.path), needed.new, lang) : void 0
  ]);
  return { old: oldLines, new: newLines };
}
async function highlightSide(lines, needed, lang) {
  if (!lines) return void 0;
  const html = new Array(lines.length);
  const windows = tokenWindows(needed, lines.length, { wholeFileLines: WHOLE_FILE_LINES, lead: WINDOW_LEAD });
  for (const w of windows) {
    const highlighted = await highlightLines(lines.slice(w.start, w.end + 1), lang);
    highlighted.forEach((line, i) => {
      html[w.start + i] = line;
    });
  }
  return html;
}

// lib/render/file-table.ts
var rendered = new LruCache(256 * 1024 * 1024, (r) => r.html.length * 2 + 64);
async function renderFileHtml(file, oldTree, newTree, slice) {
  const all = diffRows(file);
  const start2 = Math.min(slice.start, all.length);
  const part = all.slice(start2, start2 + slice.count);
  const sides = await highlightSides(file, oldTree, newTree, neededLines(part));
  return {
    html: diffTableHtml(file.path, highlightRows(part, sides)),
    start: start2,
    end: start2 + part.length,
    totalRows: all.length
  };
}

// lib/workers/tasks.ts
function refuseUnlessTesting(kind, context) {
  if (!context.testTasks) throw new Error(`task kind "${kind}" is test-only and needs a worker pool created with testTasks`);
}
var handlers = {
  diffFiles: ({ pairs, options }) => pairs.map((pair) => diffFile(pair.old, pair.new, options)),
  renderFile: ({ file, oldEntry, newEntry, maxRows }) => renderFileHtml(file, treeOf(file.oldPath ?? file.path, oldEntry), treeOf(file.path, newEntry), maxRows),
  spin: (_input, context) => {
    refuseUnlessTesting("spin", context);
    for (; ; ) {
    }
  },
  crash: ({ exitCode }, context) => {
    refuseUnlessTesting("crash", context);
    process.exit(exitCode);
  }
};
function runTask(kind, input, context) {
  const handler = Object.hasOwn(handlers, kind) ? handlers[kind] : void 0;
  if (!handler) return Promise.reject(new Error(`unknown task kind ${JSON.stringify(kind)}`));
  return (async () => handler(input, context))();
}
function treeOf(path, entry) {
  const entries = /* @__PURE__ */ new Map();
  if (entry) entries.set(path, entry);
  return { entries, unpackedBytes: entry?.kind === "file" ? entry.bytes.byteLength : 0 };
}

// lib/workers/engine-worker.ts
function readWorkerData(data) {
  const testTasks = typeof data === "object" && data !== null && "testTasks" in data && data.testTasks === true;
  return { testTasks };
}
function start() {
  const port = parentPort;
  if (!port) throw new Error("engine-worker must run in a worker thread (started by EnginePool)");
  const context = { testTasks: readWorkerData(workerData).testTasks };
  port.on("message", (message) => {
    if (!isTaskRequest(message)) {
      throw new Error("engine-worker received a malformed task message");
    }
    void answer(port, message.id, () => runTask(message.kind, message.input, context));
  });
}
async function answer(port, id, task) {
  let response;
  try {
    response = { id, output: await task() };
    port.postMessage(response);
  } catch (error) {
    response = { id, error: serializeError(error) };
    port.postMessage(response);
  }
}
start();
