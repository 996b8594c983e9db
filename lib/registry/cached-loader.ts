export interface CacheOptions {
  ttlMs: number;
  /** Bound on remembered names; the least recently used goes first. */
  maxEntries: number;
  /** Clock, for tests. */
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
 * @example
 * const get = cachedLoader((name) => fetchPackument(name), { ttlMs: 60_000, maxEntries: 500 });
 * await Promise.all([get("react"), get("react")]); // one fetch
 */
export function cachedLoader<V>(load: Loader<V>, options: CacheOptions): CachedLoader<V> {
  const now = options.now ?? Date.now;
  const fresh = new Map<string, { value: V; expires: number }>();
  const inFlight = new Map<string, Promise<V>>();

  function remember(key: string, value: V): void {
    if (options.ttlMs <= 0 || options.maxEntries <= 0) return;
    fresh.delete(key);
    fresh.set(key, { value, expires: now() + options.ttlMs });
    // Map iterates in insertion order, so the first key is the least recently used.
    while (fresh.size > options.maxEntries) {
      const oldest = fresh.keys().next();
      if (oldest.done) break;
      fresh.delete(oldest.value);
    }
  }

  return (key, signal) => {
    const hit = fresh.get(key);
    if (hit && hit.expires > now()) {
      fresh.delete(key);
      fresh.set(key, hit);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve(hit.value);
    }
    if (hit) fresh.delete(key);
    let shared = inFlight.get(key);
    if (!shared) {
      shared = load(key).then(
        (value) => {
          inFlight.delete(key);
          remember(key, value);
          return value;
        },
        (error: unknown) => {
          inFlight.delete(key);
          throw error;
        },
      );
      // Nobody may be listening any more when it fails; that is not an unhandled rejection.
      shared.catch(() => undefined);
      inFlight.set(key, shared);
    }
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
