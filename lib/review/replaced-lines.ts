import type { ChangedSides } from "./lines";

/**
 * A replaced line longer than this is compared with the line it replaced before
 * it is scanned: a rebuilt bundle's line of a megabyte differs from the old
 * one in a few places, and reading both whole was most of a summary's time.
 */
export const NARROW_FROM = 2_048;
/**
 * Characters kept on each side of the part that differs. A construct (a
 * match and what its look-arounds read) shorter than this is counted the
 * same in the old part and the new one when it lies in the text both share.
 */
export const NARROW_MARGIN = 256;

/** Characters compared at once: equal chunks compare as memory, not one character at a time. */
const CHUNK = 4_096;

/**
 * How many characters `a` and `b` share at their start (from the end when
 * `fromEnd`), not counting `skip` leading characters of either, and at most
 * `limit`.
 *
 * @example
 * sharedLength("+abcX", "-abcY", 1, false, 10) // → 3
 * sharedLength("+Xabc", "-Yabc", 1, true, 10) // → 3
 */
export function sharedLength(a: string, b: string, skip: number, fromEnd: boolean, limit: number): number {
  const at = (s: string, offset: number, length: number) => (fromEnd ? s.slice(s.length - offset - length, s.length - offset) : s.slice(skip + offset, skip + offset + length));
  let shared = 0;
  let chunk = CHUNK;
  while (shared < limit) {
    const length = Math.min(chunk, limit - shared);
    if (at(a, shared, length) === at(b, shared, length)) {
      shared += length;
    } else if (length > 16) {
      chunk = length >> 1;
    } else {
      while (shared < limit && at(a, shared, 1) === at(b, shared, 1)) shared++;
      return shared;
    }
  }
  return shared;
}

/**
 * For each long line replaced in place (`sides.replaced`: changedSides with
 * NARROW_FROM), the part of it, and of the line it replaced, that needs
 * reading: what differs, and NARROW_MARGIN around it, at the same offsets
 * in both (so what the cut makes of a construct at its edges, it makes of
 * both). Counting a construct on the new part minus the old part gives what
 * counting on the whole lines would, for constructs shorter than the
 * margin. Sets the added side's `parts`, and the removed side's (`removedParts`) for when it is built: call it before reading `sides.removed`.
 */
export function narrowReplaced(sides: ChangedSides): void {
  const { added } = sides;
  for (const { removed: r, added: a, before } of sides.replaced) {
    const after = added.lines[a]!;
    const length = Math.min(before.length, after.length) - 1;
    const head = sharedLength(before, after, 1, false, length);
    const tail = sharedLength(before, after, 1, true, length - head);
    const start = Math.max(0, head - NARROW_MARGIN);
    const cutEnd = Math.max(0, tail - NARROW_MARGIN);
    (sides.removedParts ??= new Map()).set(r, [start, before.length - 1 - cutEnd]);
    (added.parts ??= new Map()).set(a, [start, after.length - added.skip - cutEnd]);
  }
}
