import { LocalLock, type LocalParts } from "./local-state";
import { RedisMissBudget } from "./redis-budget";
import { type ConnectionOptions, RedisConnection } from "./redis-connection";
import { type LockTiming, RedisLock } from "./redis-lock";
import { RedisReadOnly } from "./read-only";
import { RedisSlots, type SlotTiming } from "./redis-slots";
import { LayeredStore, RedisStore } from "./redis-store";
import { NO_PEERS, RedisTarballPeers } from "./tarball-peers";
import type { Codec, KeyedStore, SharedState } from "./types";

export interface RedisStateOptions extends ConnectionOptions {
  /** Entries whose compressed form is bigger stay local (SHARED_DIFF_MAX_BYTES). */
  maxEntryBytes: number;
  /** The budget's bucket: misses per window (as MissRateLimiter). */
  missesPerWindow: number;
  windowSeconds: number;
  /** Cluster-wide: computations at once, and waiting (as Admission). */
  maxActive: number;
  maxQueued: number;
  lock?: LockTiming;
  slots?: SlotTiming;
  /** How often the read-only flag is read in case a message was lost. */
  readOnlyPollMs?: number;
  /** This replica's base URL as the others reach it (SHARED_PEER_URL): tarballs are copied between replicas. */
  peerUrl?: string;
}

/**
 * Shared mode: diffs, locks, budgets, the computation cap and the
 * read-only flag in Redis, with this process's own `local` parts as the
 * fallback whenever Redis does not answer in time.
 */
export function createRedisState(local: LocalParts, options: RedisStateOptions): SharedState {
  const redis = new RedisConnection(options);
  const readOnly = new RedisReadOnly(redis, local.readOnly, options.readOnlyPollMs ?? 2_000);
  return {
    layered: <V extends { key: string }>(namespace: string, store: KeyedStore<V>, codec: Codec<V>) =>
      new LayeredStore(store, new RedisStore(redis, namespace, codec, options.maxEntryBytes)),
    locks: new RedisLock(redis, new LocalLock(), options.lock),
    budget: new RedisMissBudget(redis, local.budget, options.missesPerWindow, options.windowSeconds),
    slots: new RedisSlots(redis, local.slots, options.maxActive, options.maxQueued, options.slots),
    readOnly,
    peers: options.peerUrl ? new RedisTarballPeers(redis, options.peerUrl) : NO_PEERS,
    health: () => redis.health(),
    close: async () => {
      readOnly.stop();
      await redis.close();
    },
  };
}
