/**
 * How much memory each in-process cache of rendered or decoded text may
 * hold, in one place so the total is visible. All of them are keyed by
 * immutable inputs (a canonical version, a diff key), so they only need a
 * bound, never an expiry. The tree and diff caches take theirs from the
 * configuration (TREE_MEMORY_BYTES, DIFF_MEMORY_BYTES).
 */
const MiB = 1024 * 1024;

/** Rendered READMEs and other Markdown (lib/browse/file-content.ts). */
export const MARKDOWN_CACHE_BYTES = 32 * MiB;

/** Decoded (and pretty-printed) text files split into lines (lib/browse/text-view.ts). */
export const TEXT_VIEW_CACHE_BYTES = 192 * MiB;

/** Highlighted slices of browsed files (lib/browse/text-view.ts). */
export const TEXT_SLICE_CACHE_BYTES = 96 * MiB;

/** Highlighted slices of diff tables (lib/service/rendered-files.ts). */
export const RENDERED_DIFF_CACHE_BYTES = 256 * MiB;

/**
 * What a string holds in memory, for cache bounds: two bytes per UTF-16
 * code unit (V8 may store Latin-1 text in one, so this errs high) plus the
 * object around it.
 */
export function stringBytes(text: string): number {
  return text.length * 2 + 64;
}
