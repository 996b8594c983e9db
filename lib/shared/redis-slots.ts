import { randomUUID } from "node:crypto";
import { PREFIX } from "./keys.mjs";
import { lua, RedisUnavailable, type RedisConnection } from "./redis-connection";
import { overloadedError } from "./refusals";
import type { ComputeSlots } from "./types";

const ACTIVE = `${PREFIX}slots:active`;
const WAITING = `${PREFIX}slots:waiting`;
const WAITING_EXPIRY = `${PREFIX}slots:waiting-expiry`;
const SEQUENCE = `${PREFIX}slots:sequence`;
/** Published when a slot frees up: the waiters of every replica try again. */
const SLOTS_CHANNEL = `${PREFIX}slots:freed`;

/**
 * A semaphore with expiring holders on Redis's clock. ACTIVE: holders
 * scored by expiry; WAITING: the queue scored by arrival, with each
 * waiter's expiry in WAITING_EXPIRY. Holders and waiters that stopped
 * renewing (their replica died) are dropped first. A caller gets a slot
 * when one is free and nobody queued before it; else it joins the queue
 * while there is room. Returns 1 (run), 0 (wait) or -1 (refused: 503).
 */
const ACQUIRE = lua(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local token, ttl, maxActive, maxQueued = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do redis.call('ZREM', KEYS[2], gone) end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local free = maxActive - redis.call('ZCARD', KEYS[1])
local rank = redis.call('ZRANK', KEYS[2], token)
local ahead = rank
if not rank then ahead = redis.call('ZCARD', KEYS[2]) end
if free > ahead then
  redis.call('ZADD', KEYS[1], now + ttl, token)
  redis.call('ZREM', KEYS[2], token)
  redis.call('ZREM', KEYS[3], token)
  return 1
end
if rank then
  redis.call('ZADD', KEYS[3], now + ttl, token)
  return 0
end
if redis.call('ZCARD', KEYS[2]) < maxQueued then
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), token)
  redis.call('ZADD', KEYS[3], now + ttl, token)
  return 0
end
return -1`);

/** Keeps a holder's slot while it computes. */
const RENEW = lua(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])`);

/** Frees a slot (or a place in the queue) and wakes the waiters. */
const RELEASE = lua(`
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('PUBLISH', ARGV[2], 'freed')
return 1`);

export interface SlotTiming {
  /** A holder or waiter that stops renewing loses its place after this. */
  ttlMs: number;
  /** How often a waiter tries again without a message. */
  pollMs: number;
}

const DEFAULT_SLOT_TIMING: SlotTiming = { ttlMs: 15_000, pollMs: 500 };

/**
 * The cap on computations across the cluster: at most `maxActive` run at
 * once on all replicas together, at most `maxQueued` wait, the rest get
 * today's 503 at once. While Redis is unavailable, `fallback` (this
 * replica's own Admission) decides alone.
 */
export class RedisSlots implements ComputeSlots {
  private active = 0;
  private queued = 0;
  private readonly wakers = new Set<() => void>();
  private subscribed: Promise<boolean> | undefined;

  constructor(
    private readonly redis: RedisConnection,
    private readonly fallback: ComputeSlots,
    private readonly maxActive: number,
    private readonly maxQueued: number,
    private readonly timing: SlotTiming = DEFAULT_SLOT_TIMING,
  ) {}

  get load(): { active: number; queued: number } {
    const local = this.fallback.load;
    return { active: this.active + local.active, queued: this.queued + local.queued };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    let acquired: boolean;
    try {
      acquired = await this.acquire(token);
    } catch (error) {
      if (!(error instanceof RedisUnavailable)) throw error;
      return this.fallback.run(work);
    }
    if (!acquired) throw overloadedError();
    this.active += 1;
    const renewal = setInterval(() => {
      this.redis.eval(RENEW, [ACTIVE], [token, this.timing.ttlMs]).catch(() => undefined);
    }, Math.max(1, Math.floor(this.timing.ttlMs / 3)));
    renewal.unref();
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      this.active -= 1;
      await this.release(token);
    }
  }

  /** True once a slot is ours, false when refused; waits in the queue in between. */
  private async acquire(token: string): Promise<boolean> {
    const args = [token, this.timing.ttlMs, this.maxActive, this.maxQueued];
    let answer = Number(await this.redis.eval(ACQUIRE, [ACTIVE, WAITING, WAITING_EXPIRY, SEQUENCE], args));
    if (answer !== 0) return answer === 1;
    this.queued += 1;
    try {
      await this.subscribe();
      while (answer === 0) {
        await this.freed();
        answer = Number(await this.redis.eval(ACQUIRE, [ACTIVE, WAITING, WAITING_EXPIRY, SEQUENCE], args));
      }
      return answer === 1;
    } catch (error) {
      await this.release(token);
      throw error;
    } finally {
      this.queued -= 1;
    }
  }

  private release(token: string): Promise<unknown> {
    return this.redis.eval(RELEASE, [ACTIVE, WAITING, WAITING_EXPIRY], [token, SLOTS_CHANNEL]).catch(() => undefined);
  }

  /** One subscription for all of this replica's waiters (kept: node-redis renews it after a reconnect). */
  private subscribe(): Promise<boolean> {
    this.subscribed ??= this.redis.subscribe(SLOTS_CHANNEL, () => this.wakeAll()).then(
      () => true,
      () => {
        this.subscribed = undefined;
        return false;
      },
    );
    return this.subscribed;
  }

  private wakeAll(): void {
    for (const wake of this.wakers) wake();
  }

  /** A slot was freed somewhere, or the poll interval passed. */
  private freed(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.timing.pollMs);
      this.wakers.add(done);
    });
  }
}
