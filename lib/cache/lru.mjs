/**
 * The one way pkgdiff keeps things in memory: a least-recently-used map
 * bounded by the summed size of its values, over `lru-cache`. Plain
 * JavaScript (types in lru.d.mts) so that both the app and the server's
 * response cache (scripts/response-cache.mjs, run without a build step) use
 * this one.
 *
 * What it settles, so callers don't each decide:
 * - sizes are bytes, the caller's estimate of what a value holds in memory;
 * - a value larger than the bound (or than `maxEntryBytes`) is not stored,
 *   and drops what the key held before, rather than evicting everything;
 * - a bound of 0 stores nothing (lru-cache would read 0 as "unbounded").
 *
 * @example
 * const cache = new LruCache({ maxBytes: 32 * 1024 * 1024, sizeOf: stringBytes });
 * cache.set(key, html);
 * cache.get(key); // html, and now the most recently used
 */
import { LRUCache } from "lru-cache";

/**
 * @template {{}} K
 * @template {{}} V
 */
export class LruCache {
  /** @type {LRUCache<K, V> | undefined} */
  #entries;

  /**
   * @param {{ maxBytes: number, sizeOf: (value: V) => number, maxEntries?: number, maxEntryBytes?: number }} options
   */
  constructor({ maxBytes, sizeOf, maxEntries, maxEntryBytes = maxBytes }) {
    const maxSize = Math.floor(maxBytes);
    const maxEntrySize = Math.min(maxSize, Math.floor(maxEntryBytes));
    if (maxEntrySize < 1) return;
    this.#entries = new LRUCache({
      maxSize,
      maxEntrySize,
      max: maxEntries ?? 0, // 0: no bound on the count, only on bytes
      // lru-cache takes positive whole sizes only; an estimate of 0 (an empty diff) still holds a slot.
      sizeCalculation: (value) => Math.max(1, Math.ceil(sizeOf(value))),
    });
  }

  /** @param {K} key */
  get(key) {
    return this.#entries?.get(key);
  }

  /**
   * @param {K} key
   * @param {V} value
   */
  set(key, value) {
    this.#entries?.set(key, value);
  }

  /** @param {K} key */
  delete(key) {
    this.#entries?.delete(key);
  }

  /** Bytes held now (the sum of the sizes of the values kept). */
  get bytes() {
    return this.#entries?.calculatedSize ?? 0;
  }

  /** Entries held now. */
  get count() {
    return this.#entries?.size ?? 0;
  }
}
