import { createHash } from "node:crypto";
/** node-redis, loaded only in shared mode: one process without REDIS_URL never pays its start-up time and memory. */
type RedisModule = typeof import("redis");
type Client = ReturnType<typeof newClient>;

/** Commands fail at once while disconnected (no offline queue); node-redis reconnects with backoff up to 2 s. */
function newClient({ createClient }: RedisModule, url: string, timeoutMs: number) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: Math.max(timeoutMs, 1_000), reconnectStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000) },
  });
}
type Reply = string | number | null | Buffer | Reply[];

export interface ConnectionOptions {
  url: string;
  /** The most one Redis call may take before the replica goes on without Redis. */
  commandTimeoutMs?: number;
  /** While Redis is down, how often a PING checks whether it is back. */
  probeMs?: number;
  /** One JSON record per outage and per recovery (default: a JSON line like the server's). */
  log?: (record: Record<string, unknown>) => void;
}

/** Thrown by `call` when Redis did not answer in time or at all; callers fall back to local work. */
export class RedisUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Redis is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "RedisUnavailable";
  }
}

/** A Lua script sent by its SHA1 (EVALSHA), and in full the first time a server does not know it. */
export interface LuaScript {
  source: string;
  sha: string;
}

export function lua(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * The one border to Redis: a command connection, a subscriber connection,
 * and the rules every call follows — a short timeout, no queueing while
 * disconnected (node-redis reconnects by itself), and an outage logged once
 * (`redis-unavailable`, then `redis-recovered`). While Redis is down, calls
 * fail at once without a round trip, and a PING now and then finds it back.
 */
export class RedisConnection {
  private readonly timeoutMs: number;
  private readonly probeMs: number;
  private readonly log: (record: Record<string, unknown>) => void;
  private down = false;
  private probe: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private clients: { client: Client; subscriber: Client; blobString: number } | undefined;
  /**
   * The first connection of each client (the subscriber: for SUBSCRIBE only): calls made
   * before it wait for it, within their timeout. node-redis keeps reconnecting after that.
   */
  private readonly connected: Promise<Client>;
  private readonly subscriberConnected: Promise<Client>;

  constructor({ url, commandTimeoutMs = 500, probeMs = 1_000, log = writeLine }: ConnectionOptions) {
    this.timeoutMs = commandTimeoutMs;
    this.probeMs = probeMs;
    this.log = log;
    const clients = import("redis").then((redis) => this.open(redis, url));
    this.connected = clients.then(({ client }) => client.connect());
    this.subscriberConnected = clients.then(({ subscriber }) => subscriber.connect());
    this.connected.catch((error: unknown) => this.markDown(error));
    this.subscriberConnected.catch(() => undefined);
  }

  private open(redis: RedisModule, url: string): { client: Client; subscriber: Client; blobString: number } {
    if (this.closed) throw new RedisUnavailable("closed");
    const client = newClient(redis, url, this.timeoutMs);
    const subscriber = client.duplicate();
    // Without listeners a connection error would be thrown; the outage is reported through `call` instead.
    client.on("error", (error: unknown) => this.markDown(error));
    subscriber.on("error", () => undefined);
    this.clients = { client, subscriber, blobString: redis.RESP_TYPES.BLOB_STRING };
    return this.clients;
  }

  /**
   * One Redis call within the timeout. Any failure — refused, offline,
   * slow, or an error reply — marks Redis down and throws RedisUnavailable.
   */
  async call<T>(work: (client: Client) => Promise<T>): Promise<T> {
    if (this.closed) throw new RedisUnavailable("closed");
    if (this.down) throw new RedisUnavailable("down since an earlier call");
    try {
      return await this.timed(this.connected.then(work));
    } catch (error) {
      this.markDown(error);
      throw error instanceof RedisUnavailable ? error : new RedisUnavailable(error);
    }
  }

  /** A Lua script on `keys` with `args`, by SHA1 with a fallback to the full text. */
  eval(script: LuaScript, keys: string[], args: (string | number)[]): Promise<Reply> {
    const tail = [String(keys.length), ...keys, ...args.map(String)];
    return this.call(async (client) => {
      try {
        return await client.sendCommand<Reply>(["EVALSHA", script.sha, ...tail]);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return client.sendCommand<Reply>(["EVAL", script.source, ...tail]);
      }
    });
  }

  /** GET as bytes. */
  getBuffer(key: string): Promise<Buffer | null> {
    return this.call((client) => client.withTypeMapping({ [this.clients?.blobString ?? 0]: Buffer }).get(key));
  }

  /** Subscribes `listener` to `channel`; resolves once Redis confirmed (messages sent before are lost). */
  subscribe(channel: string, listener: (message: string) => void): Promise<void> {
    if (this.down || this.closed) return Promise.reject(new RedisUnavailable("down"));
    return this.timed(this.subscriberConnected.then((subscriber) => subscriber.subscribe(channel, listener)));
  }

  unsubscribe(channel: string, listener: (message: string) => void): void {
    this.clients?.subscriber.unsubscribe(channel, listener).catch(() => undefined);
  }

  /** "ok" when a PING answers in time now, else "down". */
  async health(): Promise<"ok" | "down"> {
    try {
      await this.timed(this.connected.then((client) => client.ping()));
      this.markUp();
      return "ok";
    } catch (error) {
      this.markDown(error);
      return "down";
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.probe);
    const { client, subscriber } = this.clients ?? {};
    await Promise.all([client, subscriber].map((c) => c && (c.isOpen ? c.close().catch(() => c.destroy()) : c.destroy())));
  }

  private timed<T>(promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailable(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private markDown(error: unknown): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.log({ level: "error", event: "redis-unavailable", message: error instanceof Error ? error.message : String(error) });
    // A PING now and then (health() marks Redis up again when one answers).
    this.probe = setInterval(() => void this.health(), this.probeMs);
    this.probe.unref();
  }

  private markUp(): void {
    if (!this.down || this.closed) return;
    this.down = false;
    clearInterval(this.probe);
    this.log({ event: "redis-recovered" });
  }
}

/** The server's JSON line format (scripts/server/log.mjs): errors on stderr, the rest on stdout. */
function writeLine(record: Record<string, unknown>): void {
  const line = `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`;
  (record.level === "error" ? process.stderr : process.stdout).write(line);
}
