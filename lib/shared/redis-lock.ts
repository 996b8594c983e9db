import { randomUUID } from "node:crypto";
import { PREFIX } from "./keys.mjs";
import { lua, type RedisConnection } from "./redis-connection";
import type { ComputeLock } from "./types";

/**
 * SET NX PX: -10 when taken, else PTTL, how long the holder's lock has left (so a waiter
 * retries right when it expires; -2: gone already, -1: no expiry, which pkgdiff never sets).
 */
const ACQUIRE = lua(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return -10 end
return redis.call('PTTL', KEYS[1])`);
/** Extends the lock only while it is still ours. */
const RENEW = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`);
/** Compare-and-delete, then wake the waiters (whose re-check finds the stored result). */
const RELEASE = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[2], 'done')
return 1`);

export interface LockTiming {
  /** How long a lock lives unless renewed; a holder that died frees its keys after this. */
  ttlMs: number;
  /** How often a waiter re-checks without a message (pub/sub's fallback). */
  pollMs: number;
}

const ACQUIRED = -10;

const DEFAULT_LOCK_TIMING: LockTiming = { ttlMs: 15_000, pollMs: 1_000 };

export function lockKey(key: string): string {
  return `${PREFIX}lock:${key}`;
}

function doneChannel(key: string): string {
  return `${PREFIX}done:${key}`;
}

/**
 * One computation per key across replicas: `SET lock:<key> <token> NX PX`,
 * renewed while computing and released by compare-and-delete; waiters
 * subscribe to the key's completion channel, then re-check the stored
 * result (in that order: a message sent before subscribing is lost), and
 * poll as the fallback. A lock whose holder died expires and the next
 * waiter takes over. With Redis unavailable, `fallback` (this process's
 * own single flight) decides alone.
 */
export class RedisLock implements ComputeLock {
  constructor(
    private readonly redis: RedisConnection,
    private readonly fallback: ComputeLock,
    private readonly timing: LockTiming = DEFAULT_LOCK_TIMING,
  ) {}

  async once<T>(
    key: string,
    compute: () => Promise<T>,
    lookup: () => Promise<T | undefined>,
    signal?: AbortSignal,
  ): Promise<{ value: T; computed: boolean }> {
    const token = randomUUID();
    for (;;) {
      signal?.throwIfAborted();
      let remaining: number;
      try {
        remaining = Number(await this.redis.eval(ACQUIRE, [lockKey(key)], [token, this.timing.ttlMs]));
      } catch {
        return this.fallback.once(key, compute, lookup, signal);
      }
      if (remaining === ACQUIRED) return this.holding(key, token, compute, lookup);
      const found = await this.wait(key, remaining, lookup, signal);
      if (found !== undefined) return { value: found, computed: false };
    }
  }

  /** Holds the lock: re-checks (the last holder may have finished just now), computes, stores (in `compute`), releases. */
  private async holding<T>(key: string, token: string, compute: () => Promise<T>, lookup: () => Promise<T | undefined>) {
    const renewal = setInterval(() => {
      this.redis.eval(RENEW, [lockKey(key)], [token, this.timing.ttlMs]).catch(() => undefined);
    }, Math.max(1, Math.floor(this.timing.ttlMs / 3)));
    renewal.unref();
    try {
      const found = await lookup();
      if (found !== undefined) return { value: found, computed: false };
      return { value: await compute(), computed: true };
    } finally {
      clearInterval(renewal);
      await this.redis.eval(RELEASE, [lockKey(key)], [token, doneChannel(key)]).catch(() => undefined);
    }
  }

  /**
   * Waits for the holder: subscribed first, then the stored result checked,
   * then a message, the poll interval or the lock's expiry, whichever comes
   * first — and the result checked again. Undefined: try to take the lock.
   */
  private async wait<T>(key: string, lockLeftMs: number, lookup: () => Promise<T | undefined>, signal?: AbortSignal): Promise<T | undefined> {
    let wake: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const listener = () => wake();
    // Everyone who wanted the result has gone: wake now, and `once` gives up.
    signal?.addEventListener("abort", listener, { once: true });
    const channel = doneChannel(key);
    const subscribed = await this.redis.subscribe(channel, listener).then(
      () => true,
      () => false,
    );
    const timer = setTimeout(listener, this.nextCheckMs(lockLeftMs));
    try {
      const before = await lookup();
      if (before !== undefined) return before;
      await woken;
      signal?.throwIfAborted();
      return await lookup();
    } finally {
      signal?.removeEventListener("abort", listener);
      clearTimeout(timer);
      if (subscribed) this.redis.unsubscribe(channel, listener);
    }
  }

  /** When to look again without a message: right after the lock expires, at the latest after a poll interval. */
  private nextCheckMs(lockLeftMs: number): number {
    if (lockLeftMs === -2) return 0; // gone already
    if (lockLeftMs < 0) return this.timing.pollMs;
    return Math.min(lockLeftMs + 1, this.timing.pollMs);
  }
}
