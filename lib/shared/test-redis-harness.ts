import { Admission, MissRateLimiter } from "../service/admission";
import { createRedisState, type RedisStateOptions } from "./redis-state";
import type { ContractLimits } from "./test-contract";
import type { SharedState } from "./types";

/** Quick timings for tests: expiries and polls in milliseconds, not seconds. */
const TEST_TIMING = {
  lock: { ttlMs: 2_000, pollMs: 50 },
  slots: { ttlMs: 2_000, pollMs: 50 },
  readOnlyPollMs: 100,
  probeMs: 20,
  commandTimeoutMs: 1_000,
};

/** One replica's shared state on the Redis at `url`, with its own in-process fallback. */
export function redisReplica(url: string, limits: ContractLimits, options: Partial<RedisStateOptions> = {}): SharedState {
  return createRedisState(
    {
      slots: new Admission(limits.maxActive, limits.maxQueued),
      budget: new MissRateLimiter(limits.missesPerWindow, limits.windowSeconds),
      readOnly: false,
    },
    { url, maxEntryBytes: 8 << 20, ...limits, ...TEST_TIMING, log: () => undefined, ...options },
  );
}
