import { SingleFlight } from "../cache/single-flight";
import { LocalReadOnly } from "./read-only";
import { NO_PEERS } from "./tarball-peers";
import type { ComputeLock, ComputeSlots, KeyedStore, MissBudget, SharedState } from "./types";

/** This process's own limits, built by the caller (lib/service's Admission and MissRateLimiter). */
export interface LocalParts {
  slots: ComputeSlots;
  budget: MissBudget;
  /** READ_ONLY at start. */
  readOnly: boolean;
}

/** One computation per key within this process. */
export class LocalLock implements ComputeLock {
  private readonly flight = new SingleFlight<string, unknown>();

  async once<T>(key: string, compute: () => Promise<T>, _lookup?: unknown, signal?: AbortSignal): Promise<{ value: T; computed: boolean }> {
    // With the caller's signal: once nobody wants it, the key is free for a new computation at once.
    return { value: (await this.flight.run(key, compute, signal)) as T, computed: true };
  }
}

/**
 * Nothing shared beyond one process — pkgdiff as it always ran: the
 * replica's own stores are the only ones, its own limits the only limits.
 */
export function createLocalState(parts: LocalParts): SharedState {
  return {
    // The replica's own store is the only one: nothing to encode, nothing behind it.
    layered: <V extends { key: string }>(_namespace: string, local: KeyedStore<V>) => local,
    locks: new LocalLock(),
    budget: parts.budget,
    slots: parts.slots,
    readOnly: new LocalReadOnly(parts.readOnly),
    peers: NO_PEERS,
    health: () => Promise.resolve("off"),
    close: () => Promise.resolve(),
  };
}
