// Types of lib/testing/redis-server.mjs (plain JS, so `npm run cluster` runs it without a build step).

/** A `redis-server` child on a loopback port. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Freezes the server (SIGSTOP) and resolves once it is stopped: connections stay open, nothing answers — Redis "slow". */
  pause(): Promise<void>;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
  /** Resolves when the server has exited, however it ended. */
  readonly exited: Promise<void>;
  /** Kills the server (SIGKILL: an outage, not a shutdown) and waits until it has exited. */
  stop(): Promise<void>;
}

export declare function freePort(): Promise<number>;
export declare function startRedisServer(port?: number): Promise<RedisServer>;
