/**
 * Callbacks to run when a signal aborts, behind one listener per signal: a
 * listener per queued task would pass Node's limit of 10 per signal (and
 * its "possible memory leak" warning) on any diff of more than ten batches.
 *
 * @example
 * const aborts = new AbortListeners();
 * aborts.add(signal, dropJob); // when the job is queued
 * aborts.remove(signal, dropJob); // when it is done
 */
export class AbortListeners {
  private readonly callbacks = new Map<AbortSignal, { all: Set<() => void>; listener: () => void }>();

  add(signal: AbortSignal, callback: () => void): void {
    let entry = this.callbacks.get(signal);
    if (!entry) {
      const all = new Set<() => void>();
      const listener = () => {
        this.callbacks.delete(signal);
        for (const run of all) run();
      };
      entry = { all, listener };
      this.callbacks.set(signal, entry);
      signal.addEventListener("abort", listener, { once: true });
    }
    entry.all.add(callback);
  }

  remove(signal: AbortSignal, callback: () => void): void {
    const entry = this.callbacks.get(signal);
    if (!entry) return;
    entry.all.delete(callback);
    if (entry.all.size > 0) return;
    this.callbacks.delete(signal);
    signal.removeEventListener("abort", entry.listener);
  }
}
