import { config, type RenderCacheSizes } from "../config.mjs";
import { LruCache } from "./lru.mjs";

/**
 * The in-process caches of rendered or decoded text, bounded by the sizes
 * in the configuration's `cache` block (MARKDOWN_CACHE_BYTES,
 * TEXT_VIEW_CACHE_BYTES, TEXT_SLICE_CACHE_BYTES, RENDERED_DIFF_CACHE_BYTES;
 * the tree and diff caches take TREE_MEMORY_BYTES and DIFF_MEMORY_BYTES).
 * All of them are keyed by immutable inputs (a canonical version, a diff
 * key), so they only need a bound, never an expiry.
 */
export type RenderCacheSize = keyof RenderCacheSizes;

/** What the render caches' users need of one. */
export interface RenderCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

/**
 * A byte-bounded LRU whose bound is the configured `size`, made on first
 * use: modules hold their cache from import, the configuration is read once
 * the server has loaded it.
 *
 * @example
 * const markdown = renderCache<string>("markdownBytes", stringBytes);
 * markdown.set("react@18.3.1/README.md", "<h1>react</h1>");
 */
export function renderCache<V extends NonNullable<unknown>>(size: RenderCacheSize, sizeOf: (value: V) => number): RenderCache<V> {
  let cache: LruCache<string, V> | undefined;
  const made = () => (cache ??= new LruCache<string, V>({ maxBytes: config().cache[size], sizeOf }));
  return { get: (key) => made().get(key), set: (key, value) => made().set(key, value) };
}

/**
 * What a string holds in memory, for cache bounds: two bytes per UTF-16
 * code unit (V8 may store Latin-1 text in one, so this errs high) plus the
 * object around it.
 */
export function stringBytes(text: string): number {
  return text.length * 2 + 64;
}
