import { READ_ONLY_CHANNEL, READ_ONLY_KEY, setReadOnlyFlag } from "./keys.mjs";
import type { RedisConnection } from "./redis-connection";
import type { ReadOnlyFlag } from "./types";

/** The flag of one process: READ_ONLY at start, `set` after. */
export class LocalReadOnly implements ReadOnlyFlag {
  private state: boolean;
  private readonly watchers = new Set<() => void>();
  loading: Promise<void> | undefined = undefined;

  constructor(initial: boolean) {
    this.state = initial;
  }

  get on(): boolean {
    return this.state;
  }

  async set(on: boolean): Promise<void> {
    this.update(on);
  }

  until(state: boolean): Promise<void> {
    if (this.on === state) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.on !== state) return;
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
    });
  }

  /** Records a new state and tells whoever waits for it. */
  protected update(on: boolean): void {
    this.state = on;
    for (const check of [...this.watchers]) check();
  }
}

/**
 * The flag in Redis (`scripts/read-only.mjs on|off`), or READ_ONLY=1 for
 * this process alone. Every replica hears a flip at once on the channel,
 * and reads the key every `pollMs` in case a message was lost (a
 * reconnect). While Redis is unavailable the last state known stays.
 */
export class RedisReadOnly extends LocalReadOnly {
  private readonly poll: ReturnType<typeof setInterval>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly forced: boolean,
    pollMs: number,
  ) {
    super(forced);
    // Subscribed first, then read: a flip between the two is not lost. A Redis that does not
    // answer ends the wait after its timeout (the flag is then off unless READ_ONLY says on).
    this.loading = this.redis
      .subscribe(READ_ONLY_CHANNEL, (message) => this.sharedState(message === "on"))
      .catch(() => undefined)
      .then(() => this.refresh())
      .finally(() => (this.loading = undefined));
    this.poll = setInterval(() => void this.refresh(), pollMs);
    this.poll.unref();
  }

  override async set(on: boolean): Promise<void> {
    await this.redis.call((client) => setReadOnlyFlag(client, on));
    this.sharedState(on);
  }

  /** Reads the key now (the poll's step). */
  async refresh(): Promise<void> {
    const value = await this.redis.call((client) => client.get(READ_ONLY_KEY)).catch(() => undefined);
    if (value !== undefined) this.sharedState(value === "1");
  }

  stop(): void {
    clearInterval(this.poll);
  }

  private sharedState(on: boolean): void {
    this.update(this.forced || on);
  }
}
