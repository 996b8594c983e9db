// Types of lib/cache/lru.mjs (plain JS, so scripts/response-cache.mjs can use it without a build step).

export interface LruCacheOptions<V> {
  /** Bound on the summed sizes, in bytes; 0 stores nothing. */
  maxBytes: number;
  /** What one value holds in memory, in bytes (an estimate). */
  sizeOf: (value: V) => number;
  /** Bound on the number of entries too; none when absent. */
  maxEntries?: number;
  /** A value bigger than this is not stored; `maxBytes` when absent. */
  maxEntryBytes?: number;
}

/** A least-recently-used map bounded in bytes (see lru.mjs for its conventions). */
export declare class LruCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  constructor(options: LruCacheOptions<V>);
  /** The value, which becomes the most recently used; undefined when absent. */
  get(key: K): V | undefined;
  /** Stores `value`, evicting the least recently used past the bounds; a value over the bound is not stored. */
  set(key: K, value: V): void;
  delete(key: K): void;
  /** Bytes held now. */
  readonly bytes: number;
  /** Entries held now. */
  readonly count: number;
}
