import type { Budget } from "./budget";
import type { LineBuffer } from "./line-source";

/*
 * Splitting a file into lines and interning each distinct line to an
 * integer, straight from its bytes: one pass per file hashes each line
 * (FNV-1a) while looking for its "\n", and an open-addressing table of
 * typed arrays maps the line to its id. No string is created: on big files
 * decoding, splitting and a Map<string, number> cost several times the
 * diff itself, and only the few lines that end up in hunks need decoding.
 *
 * Equal hashes are always confirmed byte for byte: a package could
 * otherwise craft colliding lines to hide a change from a reviewer. And so
 * that crafted collisions cannot make the table slow either, the hash
 * starts from a per-process random basis and long probe sequences are
 * charged to the diff's time budget.
 */

/** FNV-1a's offset basis, mixed with a per-process random value (ids do not depend on it). */
const FNV_OFFSET = (0x811c9dc5 ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
const FNV_PRIME = 0x01000193;
/** Longer lines are compared with the native Buffer#compare. */
const NATIVE_COMPARE_FROM = 96;
/** Int32s per id in LineTable.reps. */
const REP = 4;

/** Both sides split into lines and interned: equal ids = equal lines. */
export interface InternedBuffers {
  old: LineBuffer;
  new: LineBuffer;
  oldIds: Int32Array;
  newIds: Int32Array;
  /** Ids are 0 .. idCount - 1. */
  idCount: number;
}

/**
 * Splits and interns two UTF-8 buffers. With `ignoreWhitespace`, lines are
 * equal when they are equal without spaces, tabs and CRs (`git diff -w`);
 * otherwise a last line without "\n" differs from the same text with one,
 * as in git.
 */
export function internBuffers(
  oldBytes: Buffer,
  newBytes: Buffer,
  ignoreWhitespace: boolean,
  budget?: Budget,
): InternedBuffers {
  // Start small: a table sized for the worst case would not fit in the CPU
  // cache, and cache misses, not hashing, are what cost here. It grows.
  const table = new LineTable(oldBytes, newBytes, ignoreWhitespace, (oldBytes.length + newBytes.length) / 256, budget);
  const oldSide = scan(table, 0, oldBytes, ignoreWhitespace, undefined);
  const newSide = scan(table, 1, newBytes, ignoreWhitespace, ignoreWhitespace ? undefined : oldSide);
  return { old: oldSide.buffer, new: newSide.buffer, oldIds: oldSide.ids, newIds: newSide.ids, idCount: table.size };
}

interface ScannedSide {
  buffer: LineBuffer;
  ids: Int32Array;
}

/**
 * Splits one side into lines and interns them. With a `guide` (the old
 * side, already scanned), each new line is first compared with the old
 * line that follows the last one it matched: between two versions of a
 * file most lines come in the same order, and a hit costs one sequential
 * byte comparison instead of hashing plus a random probe of the table.
 */
function scan(table: LineTable, side: 0 | 1, bytes: Buffer, ignoreWhitespace: boolean, guide: ScannedSide | undefined): ScannedSide {
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

    if (guide !== undefined && guess < guide.buffer.count) {
      const guessed = matchGuess(guide, guess, bytes, pos);
      if (guessed >= 0) {
        starts[count] = pos;
        ids[count] = guide.ids[guess]!;
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
        const c = bytes[i]!;
        if (c === 10) break;
        if (c === 32 || c === 9 || c === 13) continue;
        h = Math.imul(h ^ c, FNV_PRIME);
      }
    } else {
      for (; i < len; i++) {
        const c = bytes[i]!;
        if (c === 10) break;
        h = Math.imul(h ^ c, FNV_PRIME);
      }
    }
    // A last line without "\n" is its own kind of line (except with -w).
    const noEol = i === len && !ignoreWhitespace;
    starts[count] = pos;
    const id = table.intern(side, pos, i, noEol ? ~h : h, noEol, count);
    ids[count] = id;
    count++;
    pos = i + 1;
    if (guide !== undefined) {
      // Resynchronise on the line's first occurrence in the old side, or
      // assume the old line at `guess` was replaced by this one.
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
      missingFinalNewline: len > 0 && bytes[len - 1] !== 10,
    },
    ids: ids.subarray(0, count),
  };
}

/**
 * When the line at `pos` equals guide line `line` (same bytes, same
 * final-newline status), returns the position of its end ("\n" or the end
 * of the buffer); otherwise -1.
 */
function matchGuess(guide: ScannedSide, line: number, bytes: Buffer, pos: number): number {
  const { bytes: oldBytes, starts } = guide.buffer;
  const gs = starts[line]!;
  const ge = starts[line + 1]! - 1;
  const end = pos + (ge - gs);
  if (ge === oldBytes.length) {
    // The old line has no "\n": so must this one.
    if (end !== bytes.length) return -1;
  } else if (end >= bytes.length || bytes[end] !== 10) {
    return -1;
  }
  return sameBytes(oldBytes, gs, ge, bytes, pos) ? end : -1;
}

/** Bytes [xs, xe) of x equal the same number of bytes of y from ys. */
function sameBytes(x: Buffer, xs: number, xe: number, y: Buffer, ys: number): boolean {
  const len = xe - xs;
  if (len >= NATIVE_COMPARE_FROM) return y.compare(x, xs, xe, ys, ys + len) === 0;
  for (let k = 0; k < len; k++) if (x[xs + k] !== y[ys + k]) return false;
  return true;
}

/**
 * Open-addressing hash table from line content to id, over both buffers.
 * Each slot holds the hash next to the id, and each id's first occurrence
 * is stored as (start, end, flags) side by side, so a probe touches as few
 * cache lines as possible: on big files the table, not the hashing, is
 * what costs.
 */
class LineTable {
  private readonly oldBytes: Buffer;
  private readonly newBytes: Buffer;
  private readonly ignoreWhitespace: boolean;
  /** Slot count - 1 (a power of two minus one). */
  private mask: number;
  /** Per slot: [hash, id + 1]; id + 1 === 0 marks an empty slot. */
  private slots: Int32Array;
  /** Per id: [start, end, flags, line] of its first occurrence; flags: bit 0 = new side, bit 1 = no final newline. */
  private reps: Int32Array;
  private readonly budget: Budget | undefined;
  size = 0;

  constructor(oldBytes: Buffer, newBytes: Buffer, ignoreWhitespace: boolean, expectedLines: number, budget: Budget | undefined) {
    this.budget = budget;
    this.oldBytes = oldBytes;
    this.newBytes = newBytes;
    this.ignoreWhitespace = ignoreWhitespace;
    let slotCount = 1024;
    while (slotCount < expectedLines * 2) slotCount *= 2;
    this.mask = slotCount - 1;
    this.slots = new Int32Array(slotCount * 2);
    this.reps = new Int32Array((slotCount / 2) * REP);
  }

  intern(side: 0 | 1, start: number, end: number, hash: number, noEol: boolean, line: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const flags = side | (noEol ? 2 : 0);
    // Mix the FNV hash so the low bits used for the slot depend on all bits.
    let idx = (hash ^ (hash >>> 15)) & mask;
    for (let probes = 1; ; probes++) {
      const entry = slots[2 * idx + 1]!;
      if (entry === 0) break;
      if (slots[2 * idx] === hash) {
        const id = entry - 1;
        if (((this.reps[REP * id + 2]! ^ flags) & 2) === 0 && this.sameLine(id, side, start, end)) return id;
      }
      idx = (idx + 1) & mask;
      // Only colliding input makes long probe sequences; let the deadline see them.
      if ((probes & 63) === 0) this.budget?.spend(64);
    }
    const id = this.size++;
    slots[2 * idx] = hash;
    slots[2 * idx + 1] = id + 1;
    const reps = this.reps;
    reps[REP * id] = start;
    reps[REP * id + 1] = end;
    reps[REP * id + 2] = flags;
    reps[REP * id + 3] = line;
    // Keep the load factor at most 1/2 so probes stay short.
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }

  private sameLine(id: number, side: 0 | 1, start: number, end: number): boolean {
    const reps = this.reps;
    const xs = reps[REP * id]!;
    const xe = reps[REP * id + 1]!;
    const x = (reps[REP * id + 2]! & 1) === 0 ? this.oldBytes : this.newBytes;
    const y = side === 0 ? this.oldBytes : this.newBytes;
    if (this.ignoreWhitespace) return sameIgnoringWhitespace(x, xs, xe, y, start, end);
    return xe - xs === end - start && sameBytes(x, xs, xe, y, start);
  }

  /** Line number of the id's first occurrence when that is in the old side, else -1. */
  oldLineOf(id: number): number {
    return (this.reps[REP * id + 2]! & 1) === 0 ? this.reps[REP * id + 3]! : -1;
  }

  private grow(): void {
    const old = this.slots;
    const slotCount = (this.mask + 1) * 2;
    const mask = slotCount - 1;
    const slots = new Int32Array(slotCount * 2);
    for (let k = 0; k < old.length; k += 2) {
      if (old[k + 1] === 0) continue;
      const hash = old[k]!;
      let idx = (hash ^ (hash >>> 15)) & mask;
      while (slots[2 * idx + 1] !== 0) idx = (idx + 1) & mask;
      slots[2 * idx] = hash;
      slots[2 * idx + 1] = old[k + 1]!;
    }
    this.mask = mask;
    this.slots = slots;
    const reps = new Int32Array((slotCount / 2) * REP);
    reps.set(this.reps);
    this.reps = reps;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** xdl_recmatch() with XDF_IGNORE_WHITESPACE: equal once all whitespace is dropped. */
function sameIgnoringWhitespace(x: Uint8Array, xs: number, xe: number, y: Uint8Array, ys: number, ye: number): boolean {
  let i = xs;
  let j = ys;
  for (;;) {
    while (i < xe && isSpace(x[i]!)) i++;
    while (j < ye && isSpace(y[j]!)) j++;
    if (i === xe || j === ye) return i === xe && j === ye;
    if (x[i] !== y[j]) return false;
    i++;
    j++;
  }
}
