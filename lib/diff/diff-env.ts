import type { Budget } from "./budget";

/**
 * The state one line diff shares between its stages (histogram, the Myers
 * fallback, compaction), in the shape of git's `xdfenv_t`: lines are
 * integers, and each side has a "changed" flag per line.
 */
export interface DiffEnv {
  /** Interned ids of the old lines (equal ids = equal lines). */
  readonly a: Int32Array;
  /** Interned ids of the new lines. */
  readonly b: Int32Array;
  /**
   * Changed flags of the old lines with a zero sentinel at each end: line i
   * (0-based) is at index i + 1. Like xdiff's `rchg`, the sentinels let the
   * group walks run without bounds checks.
   */
  readonly changedA: Uint8Array;
  readonly changedB: Uint8Array;
  /** Number of distinct ids (ids are 0 .. idCount - 1). */
  readonly idCount: number;
  readonly budget: Budget;
  /** Scratch: per-id counters, all zero between uses (allocated on first use). */
  counts?: Int32Array;
}
