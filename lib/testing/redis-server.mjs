/**
 * A real `redis-server` for tests and scripts (`npm run cluster`): started
 * on a free loopback port without persistence, ready when it says so, and
 * stopped by whoever started it. Plain JavaScript (types in
 * redis-server.d.mts) so that a script runs it without a build step.
 *
 * @example
 * const redis = await startRedisServer();
 * process.env.REDIS_URL = redis.url;
 * await redis.stop();
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const READY = /Ready to accept connections/;

/**
 * A port nobody listens on right now (the kernel's pick).
 *
 * @returns {Promise<number>}
 */
export async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

/**
 * Starts `redis-server` (Debian's, or `REDIS_SERVER`) on `port` (a free one
 * by default) with `--save '' --appendonly no`, and resolves once it
 * accepts connections — its own "Ready to accept connections" line, not a delay.
 *
 * @param {number} [port]
 * @returns {Promise<import("./redis-server.d.mts").RedisServer>}
 */
export async function startRedisServer(port) {
  const chosen = port ?? (await freePort());
  const binary = process.env.REDIS_SERVER ?? "redis-server";
  const child = spawn(binary, ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await untilReady(child, binary);
  const exited = once(child, "exit").then(() => undefined);
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    exited,
    async pause() {
      child.kill("SIGSTOP");
      // The signal takes effect when the kernel next schedules the server: on a busy machine it
      // may still answer a command sent right after, late. Resolve once it is stopped.
      await untilStopped(child.pid);
    },
    resume() {
      child.kill("SIGCONT");
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGCONT"); // a paused process takes its SIGKILL too, but say so plainly
      // SIGKILL: tests use it as an outage; nothing is persisted, so a clean shutdown would save nothing.
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * @param {import("node:child_process").ChildProcess} child
 * @param {string} binary
 * @returns {Promise<void>}
 */
function untilReady(child, binary) {
  return new Promise((resolve, reject) => {
    let output = "";
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk.toString();
      if (!READY.test(output)) return;
      child.off("exit", onExit);
      // Keep reading (a full pipe would stall the server), keep nothing.
      child.stdout?.off("data", onData).resume();
      child.stderr?.removeAllListeners("data").resume();
      resolve();
    };
    /** @param {number | null} code */
    const onExit = (code) => reject(new Error(`${binary} exited (${code}) before it was ready:\n${output}`));
    child.on("error", (error) => reject(new Error(`cannot start ${binary}: ${error.message}`)));
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk) => (output += chunk.toString()));
    child.on("exit", onExit);
  });
}

/**
 * Resolves once process `pid` is stopped (state `T` in /proc/<pid>/stat),
 * polling: the state is what is waited for; rejects after 10 s.
 *
 * @param {number | undefined} pid
 */
async function untilStopped(pid) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The state follows the command name, which is in parentheses and may hold spaces.
    if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("T")) return;
    if (Date.now() > deadline) throw new Error(`redis-server (pid ${pid}) did not stop`);
    await sleep(5);
  }
}
