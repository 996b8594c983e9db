import { isUtf8 } from "node:buffer";

import { asBuffer } from "./buffers";
import { isDiffBudgetExceeded } from "./budget";
import { DEFAULT_CONTEXT, type HunkResult, buildHunks } from "./hunks";
import { diffBuffers } from "./line-diff";
import { bufferSource, indexLines } from "./line-source";

const NO_BYTES = Buffer.alloc(0);

/** True when bytes can travel in a text patch: valid UTF-8 (a BOM is fine, it is kept). */
export function isText(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** Options of diffTextBytes(). */
export interface TextDiffOptions {
  context?: number;
  ignoreWhitespace?: boolean;
  /** Epoch ms; past it the diff throws DiffBudgetExceeded. */
  deadline?: number;
  /** See LineDiffOptions.algorithm (default "histogram"). */
  algorithm?: "histogram" | "myers";
}

/**
 * Hunks between two UTF-8 files given as bytes (undefined = the side does
 * not exist). When a side is missing or empty there is nothing to search:
 * every line of the other side changed.
 *
 * @example
 * diffTextBytes(Buffer.from("a\nb\n"), Buffer.from("a\nc\n"))
 * // { hunks: [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [" a", "-b", "+c"] }], additions: 1, deletions: 1 }
 */
export function diffTextBytes(
  oldBytes: Uint8Array | undefined,
  newBytes: Uint8Array | undefined,
  options: TextDiffOptions = {},
): HunkResult {
  const oldBuf = oldBytes === undefined ? NO_BYTES : asBuffer(oldBytes);
  const newBuf = newBytes === undefined ? NO_BYTES : asBuffer(newBytes);
  if (oldBuf.length === 0 || newBuf.length === 0) {
    const old = indexLines(oldBuf);
    const neu = indexLines(newBuf);
    const changes = old.count + neu.count === 0 ? [] : [{ oldStart: 0, oldEnd: old.count, newStart: 0, newEnd: neu.count }];
    return buildHunks(bufferSource(old), bufferSource(neu), changes, options.context);
  }
  const diff = diffBuffers(oldBuf, newBuf, {
    ignoreWhitespace: options.ignoreWhitespace,
    deadline: options.deadline,
    algorithm: options.algorithm,
  });
  return buildHunks(diff.old, diff.new, diff.changes, options.context);
}

/** Options of fullTextHunks(). */
export interface FullHunksOptions {
  context?: number;
  /**
   * Time histogram diff gets before the classic Myers diff takes over
   * (default 5 s; 0 = Myers right away). Histogram is quadratic on some
   * inputs (as in git); Myers is bounded by xdiff's cost heuristics.
   */
  histogramMs?: number;
}

/** Default time histogram diff gets in fullTextHunks() before Myers takes over. */
export const FULL_DIFF_HISTOGRAM_MS = 5_000;

/**
 * A file's complete hunks with no size limit and no time budget that could
 * leave it without hunks: what the patch serializer uses for files the
 * viewer skipped (budget, too_large, collapsed), since a patch must be
 * complete to apply. Histogram first, like the viewer; past `histogramMs`,
 * git's classic Myers diff, which always finishes.
 */
export function fullTextHunks(
  oldBytes: Uint8Array | undefined,
  newBytes: Uint8Array | undefined,
  options: FullHunksOptions = {},
): HunkResult {
  const context = options.context ?? DEFAULT_CONTEXT;
  const histogramMs = options.histogramMs ?? FULL_DIFF_HISTOGRAM_MS;
  if (histogramMs > 0) {
    try {
      return diffTextBytes(oldBytes, newBytes, { context, deadline: Date.now() + histogramMs });
    } catch (error) {
      if (!isDiffBudgetExceeded(error)) throw error;
    }
  }
  return diffTextBytes(oldBytes, newBytes, { context, algorithm: "myers" });
}
