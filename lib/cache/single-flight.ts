/**
 * What a shared computation is handed: the signal that aborts once every
 * caller has gone, and where it reports progress (to every caller, those
 * that join later included).
 */
export interface FlightWork<E> {
  signal: AbortSignal;
  progress: (event: E) => void;
}

interface Entry<V, E> {
  promise: Promise<V>;
  controller: AbortController;
  /** Callers still waiting; at 0 the work is abandoned. */
  callers: number;
  /** Every event so far, replayed to a caller that joins late (a computation reports a handful). */
  events: E[];
  listeners: Set<(event: E) => void>;
}

/**
 * Runs one computation per key at a time: callers that arrive while it is
 * in flight share it. Each caller waits with its own signal: when that
 * aborts, its own promise rejects at once with the signal's reason, and
 * the work goes on for the others; when every caller has gone, the work's
 * own signal aborts (so it stops fetching and drops queued jobs) and the
 * key is free for a new computation. A caller without a signal never goes.
 * Failures are not remembered.
 *
 * @example
 * const flight = new SingleFlight<string, Tree, string>();
 * const tree = await flight.run("react@18.3.1", ({ signal, progress }) => fetchTree(signal, progress), request.signal, console.log);
 */
export class SingleFlight<K, V, E = never> {
  private readonly inFlight = new Map<K, Entry<V, E>>();

  /** True while a computation for `key` is in flight (a `run` now would join it). */
  has(key: K): boolean {
    return this.inFlight.has(key);
  }

  run(key: K, work: (job: FlightWork<E>) => Promise<V>, signal?: AbortSignal, onProgress?: (event: E) => void): Promise<V> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const entry = this.inFlight.get(key) ?? this.start(key, work);
    return this.wait(entry, key, signal, onProgress);
  }

  private start(key: K, work: (job: FlightWork<E>) => Promise<V>): Entry<V, E> {
    const controller = new AbortController();
    const entry: Entry<V, E> = { promise: Promise.resolve() as Promise<V>, controller, callers: 0, events: [], listeners: new Set() };
    const progress = (event: E): void => {
      entry.events.push(event);
      for (const listener of entry.listeners) listener(event);
    };
    entry.promise = (async () => work({ signal: controller.signal, progress }))().finally(() => {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    });
    // Every caller may have gone when it fails; that is not an unhandled rejection.
    entry.promise.catch(() => undefined);
    this.inFlight.set(key, entry);
    return entry;
  }

  private wait(entry: Entry<V, E>, key: K, signal: AbortSignal | undefined, onProgress: ((event: E) => void) | undefined): Promise<V> {
    entry.callers += 1;
    if (onProgress) {
      for (const event of entry.events) onProgress(event);
      entry.listeners.add(onProgress);
    }
    return new Promise<V>((resolve, reject) => {
      let left = false;
      const leave = (): boolean => {
        if (left) return false;
        left = true;
        signal?.removeEventListener("abort", onAbort);
        if (onProgress) entry.listeners.delete(onProgress);
        entry.callers -= 1;
        return true;
      };
      const onAbort = (): void => {
        if (!leave()) return;
        reject(signal?.reason);
        if (entry.callers > 0) return;
        // Nobody waits any more: a new caller starts afresh instead of joining aborted work.
        if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
        entry.controller.abort(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      entry.promise.then(
        (value) => {
          if (leave()) resolve(value);
        },
        (error: unknown) => {
          if (leave()) reject(error);
        },
      );
    });
  }
}
