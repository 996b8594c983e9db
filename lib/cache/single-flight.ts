/**
 * Runs one computation per key at a time: callers that arrive while it is in
 * flight share its promise. Failures are not remembered.
 */
export class SingleFlight<K, V> {
  private readonly inFlight = new Map<K, Promise<V>>();

  /** True while a computation for `key` is in flight (a `run` now would join it). */
  has(key: K): boolean {
    return this.inFlight.has(key);
  }

  run(key: K, compute: () => Promise<V>): Promise<V> {
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const promise = compute().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}
