import { LRUCache } from "lru-cache";
import { budgetKey, OVERLOADED_RETRY_SECONDS, overloadedError, rateLimitedError } from "../shared/refusals";


/**
 * Caps uncached work: at most `maxActive` computations run at once, at most
 * `maxQueued` wait for a slot, and anything beyond that is refused at once
 * with 503 + Retry-After instead of piling up behind a crawler. Cached
 * responses never come here.
 */
export class Admission {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly maxActive: number,
    private readonly maxQueued: number,
    /** What Retry-After says when the queue is full, in seconds. */
    private readonly retryAfterSeconds = OVERLOADED_RETRY_SECONDS,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Computations running and waiting now (for logs and tests). */
  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.queue.length };
  }

  private acquire(): Promise<void> {
    if (this.active < this.maxActive) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(overloadedError(this.retryAfterSeconds));
    }
    // The slot passes straight from the finishing computation to the next in line.
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active -= 1;
  }
}

/**
 * A per-client token bucket for cache misses: each client may cause
 * `capacity` uncached computations per `windowSeconds`, refilled smoothly.
 * Beyond it, 429 with the seconds until the next token.
 */
export class MissRateLimiter {
  private readonly buckets: LRUCache<string, { tokens: number; at: number }>;

  constructor(
    private readonly capacity: number,
    private readonly windowSeconds: number,
    private readonly now: () => number = () => performance.now(),
    /** Clients remembered at once; the least recently seen are forgotten first (they had refilled anyway, mostly). */
    maxClients = 10_000,
  ) {
    // No TTL: a bucket idle for a whole window has refilled, which is the same as no bucket, so expiring
    // it would only free memory that `max` bounds already (a timer per client, to free about 1 MiB).
    this.buckets = new LRUCache({ max: maxClients });
  }

  /** Gives back a miss that did not happen after all (admission refused the computation). */
  refund(client: string | undefined): void {
    const bucket = client ? this.buckets.get(budgetKey(client)) : undefined;
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
  }

  /** Takes one miss from `client`'s bucket, or throws `rate_limited`. No client, or capacity 0: unlimited. */
  take(address: string | undefined): void {
    if (!address || this.capacity === 0) return;
    const client = budgetKey(address);
    const now = this.now();
    const perMs = this.capacity / (this.windowSeconds * 1000);
    const bucket = this.buckets.get(client);
    const tokens = bucket ? Math.min(this.capacity, bucket.tokens + (now - bucket.at) * perMs) : this.capacity;
    if (tokens < 1) {
      this.buckets.set(client, { tokens, at: now });
      const retryAfter = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
      throw rateLimitedError(this.capacity, this.windowSeconds, retryAfter);
    }
    this.buckets.set(client, { tokens: tokens - 1, at: now });
  }
}
