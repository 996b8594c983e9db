import { PREFIX } from "./keys.mjs";
import { lua, RedisUnavailable, type RedisConnection } from "./redis-connection";
import { budgetKey, rateLimitedError } from "./refusals";
import type { MissBudget } from "./types";

/**
 * MissRateLimiter's token bucket (lib/service/admission.ts) in Redis, on
 * Redis's clock (TIME), so every replica spends one budget per client:
 * `capacity` misses per `window` seconds, refilled smoothly. Returns 0 when
 * a token was taken, else the seconds until the next one. A bucket idle for
 * a whole window is full again, which is the same as none: it expires then.
 */
const TAKE = lua(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local capacity = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2]) * 1000
local perMs = capacity / windowMs
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if bucket[1] then tokens = math.min(capacity, tonumber(bucket[1]) + (now - tonumber(bucket[2])) * perMs) end
local wait = 0
if tokens < 1 then
  wait = math.max(1, math.ceil((1 - tokens) / perMs / 1000))
else
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
redis.call('PEXPIRE', KEYS[1], windowMs)
return wait`);

/** Gives one token back to a bucket that exists (as MissRateLimiter.refund). */
const REFUND = lua(`
local tokens = redis.call('HGET', KEYS[1], 'tokens')
if tokens then redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', math.min(tonumber(ARGV[1]), tonumber(tokens) + 1))) end
return 1`);

export class RedisMissBudget implements MissBudget {
  constructor(
    private readonly redis: RedisConnection,
    /** This replica's own limiter, used while Redis is unavailable. */
    private readonly fallback: MissBudget,
    private readonly capacity: number,
    private readonly windowSeconds: number,
  ) {}

  async take(address: string | undefined): Promise<void> {
    if (!address || this.capacity === 0) return;
    let wait: number;
    try {
      wait = Number(await this.redis.eval(TAKE, [bucketKey(address)], [this.capacity, this.windowSeconds]));
    } catch (error) {
      if (!(error instanceof RedisUnavailable)) throw error;
      return this.fallback.take(address);
    }
    if (wait > 0) throw rateLimitedError(this.capacity, this.windowSeconds, wait);
  }

  async refund(address: string | undefined): Promise<void> {
    if (!address || this.capacity === 0) return;
    await this.redis.eval(REFUND, [bucketKey(address)], [this.capacity]).catch(() => this.fallback.refund(address));
  }
}

function bucketKey(address: string): string {
  return `${PREFIX}budget:${budgetKey(address)}`;
}
