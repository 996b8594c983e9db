import { LRUCache } from "lru-cache";
import { SingleFlight } from "../cache/single-flight";

export interface CacheOptions {
  /** How long a loaded value is served without asking again; 0 asks on every call. */
  ttlMs: number;
  /** Bound on remembered names; the least recently used goes first. */
  maxEntries: number;
  /** Clock, for tests (milliseconds, monotonic). */
  now?: () => number;
}

/** Loads by key; the shared load is not tied to any one caller's signal. */
export type Loader<V> = (key: string) => Promise<V>;

/** A cached loader: `(key, signal?) => Promise<V>`. */
export type CachedLoader<V> = (key: string, signal?: AbortSignal) => Promise<V>;

/**
 * Wraps a loader with a short-lived, bounded LRU cache and single-flight:
 * concurrent calls for one key share one load, so a burst of page views
 * for a fresh package costs the registry one request. Failures are not
 * cached. A caller's abort only stops that caller waiting; the shared
 * load goes on for the others (and fills the cache).
 *
 * The sharing is SingleFlight's, not lru-cache's `fetchMethod`: that one
 * keeps loads in flight as cache entries, so a TTL of 0 would keep values
 * anyway and a burst of more names than `maxEntries` would evict (abort)
 * loads others wait on.
 *
 * @example
 * const get = cachedLoader((name) => fetchPackument(name), { ttlMs: 60_000, maxEntries: 500 });
 * await Promise.all([get("react"), get("react")]); // one fetch
 */
export function cachedLoader<V extends NonNullable<unknown>>(load: Loader<V>, options: CacheOptions): CachedLoader<V> {
  // lru-cache reads a ttl of 0 as "never expires"; ours means "never keep".
  const fresh =
    options.ttlMs > 0 && options.maxEntries > 0
      ? new LRUCache<string, V>({
          max: options.maxEntries,
          ttl: options.ttlMs,
          // Read the clock on every lookup instead of once per millisecond: exact, and a test's clock is seen at once.
          ttlResolution: 0,
          perf: options.now ? { now: options.now } : undefined,
        })
      : undefined;
  const loads = new SingleFlight<string, V>();

  return (key, signal) => {
    const hit = fresh?.get(key);
    if (hit !== undefined) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve(hit);
    const shared = loads.run(key, async () => {
      const value = await load(key);
      fresh?.set(key, value);
      return value;
    });
    // Nobody may be listening any more when it fails; that is not an unhandled rejection.
    shared.catch(() => undefined);
    return untilAborted(shared, signal);
  };
}

function untilAborted<V>(promise: Promise<V>, signal?: AbortSignal): Promise<V> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<V>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
