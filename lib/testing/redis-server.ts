import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

/** A `redis-server` child on a free loopback port, for tests and scripts that need a real Redis. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Kills the server (SIGKILL: an outage, not a shutdown) and waits until it has exited. */
  stop(): Promise<void>;
}

const READY = /Ready to accept connections/;

/** A port nobody listens on right now (the kernel's pick). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

/**
 * Starts `redis-server` (Debian's, or `REDIS_SERVER`) without persistence on
 * `port` (a free one by default) and resolves once it accepts connections —
 * its own "Ready to accept connections" line, not a delay.
 *
 * @example
 * const redis = await startRedisServer();
 * process.env.REDIS_URL = redis.url;
 * await redis.stop();
 */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const binary = process.env.REDIS_SERVER ?? "redis-server";
  const child = spawn(binary, ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await untilReady(child, binary);
  const url = `redis://127.0.0.1:${chosen}`;
  return {
    port: chosen,
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    },
  };
}

function untilReady(child: ChildProcess, binary: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (READY.test(output)) {
        child.stdout?.off("data", onData);
        child.off("exit", onExit);
        child.stdout?.resume();
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`${binary} exited (${code}) before it was ready:\n${output}`));
    child.on("error", (error) => reject(new Error(`cannot start ${binary}: ${error.message}`)));
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", onExit);
  });
}
