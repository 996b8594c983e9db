/**
 * What the replicas of one pkgdiff deployment share (issue 14). Two
 * implementations: in-process (`createLocalState`, one process as before)
 * and Redis (`createRedisState`, `REDIS_URL`). One contract test suite
 * (`test-contract.ts`) runs against both.
 */

/** A cache of entries that name their own key (a computed diff: `StoredDiff`). */
export interface KeyedStore<V extends { key: string }> {
  has(key: string): Promise<boolean>;
  /** The entry, or undefined: never there, evicted, too big to share, or unreadable. */
  get(key: string): Promise<V | undefined>;
  /** Best effort: a failed write costs a recomputation later (callers ignore its rejection). */
  put(entry: V): Promise<void>;
}

/** How entries become bytes and back; `decode` returns undefined for anything it cannot trust. */
export interface Codec<V> {
  /** Asynchronous, so that a big value's encoding can leave the event loop between its steps. */
  encode(value: V): Promise<Uint8Array>;
  decode(key: string, bytes: Uint8Array): V | undefined;
}

/**
 * One computation per key among everyone sharing the state: the first
 * caller computes, the others wait and then `lookup` its stored result;
 * when there is none (the holder failed, or died and its lock expired, or
 * the result was too big to share), the next one computes.
 */
export interface ComputeLock {
  once<T>(
    key: string,
    compute: () => Promise<T>,
    lookup: () => Promise<T | undefined>,
    /** Nobody wants the result any more: stop waiting for another replica's lock (rejects with the reason). */
    signal?: AbortSignal,
  ): Promise<{ value: T; computed: boolean }>;
}

/** Each client's budget of cache misses (a token bucket); `take` throws `rate_limited` (429) when spent. */
export interface MissBudget {
  take(client: string | undefined): void | Promise<void>;
  /** Gives back a miss that did not happen after all. */
  refund(client: string | undefined): void | Promise<void>;
}

/** The cap on computations running at once; beyond it and its queue, `overloaded` (503). */
export interface ComputeSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** This process's computations running and waiting now. */
  readonly load: { active: number; queued: number };
}

/** The maintenance switch: while on, cached answers are served and new work is refused (503). */
export interface ReadOnlyFlag {
  /** The state as this process knows it now (no I/O). */
  readonly on: boolean;
  /** The first read of a shared flag while it is pending (`on` is not known yet), else undefined. */
  readonly loading: Promise<void> | undefined;
  set(on: boolean): Promise<void>;
  /** Resolves when `on` next equals `state` (at once if it does). */
  until(state: boolean): Promise<void>;
}

/**
 * Which other replicas hold a verified tarball on their disk, so this one
 * copies it from them instead of asking the registry again (shared mode
 * with SHARED_PEER_URL; otherwise nobody).
 */
export interface TarballPeers {
  /** The base URLs of the other replicas that said they hold `key`; none when not shared or Redis is unavailable. */
  holders(key: string): Promise<string[]>;
  /** Says this replica now holds `key` (fire and forget). */
  announce(key: string): void;
  /** What a peer presents to copy a tarball (the same for every replica); undefined when not shared. */
  secret(): Promise<string | undefined>;
}

export type SharedHealth = "ok" | "down" | "off";

export interface SharedState {
  /** The store computed diffs go through: `local` (memory and disk of this replica) first, the shared one behind it. */
  layered<V extends { key: string }>(namespace: string, local: KeyedStore<V>, codec: Codec<V>): KeyedStore<V>;
  readonly locks: ComputeLock;
  readonly budget: MissBudget;
  readonly slots: ComputeSlots;
  readonly readOnly: ReadOnlyFlag;
  /** Which other replicas hold a tarball on their disk. */
  readonly peers: TarballPeers;
  /** "off": nothing is shared (no REDIS_URL); else whether Redis answers now. */
  health(): Promise<SharedHealth>;
  close(): Promise<void>;
}
