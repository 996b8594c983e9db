import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisReplica } from "../lib/shared/test-redis-harness";
import { type RedisServer, startRedisServer } from "../lib/testing/redis-server.mjs";

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, "read-only.mjs");
const LIMITS = { missesPerWindow: 0, windowSeconds: 60, maxActive: 1, maxQueued: 1 };

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(() => server?.stop());

function script(args: string[], env: Record<string, string>) {
  // Only PATH from this environment: a REDIS_URL of the shell running the tests must not leak in.
  return run(process.execPath, [SCRIPT, ...args], { env: { ...env, PATH: process.env.PATH ?? "", NODE_ENV: "test" } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe("scripts/read-only.mjs", () => {
  it("turns every replica read-only and back, and prints the new state", async () => {
    const replicas = [redisReplica(server.url, LIMITS), redisReplica(server.url, LIMITS)];
    expect(replicas.map((r) => r.readOnly.on)).toEqual([false, false]);
    expect(await script(["on"], { REDIS_URL: server.url })).toMatchObject({ code: 0, stdout: "read-only: on\n" });
    await Promise.all(replicas.map((r) => r.readOnly.until(true)));
    expect(await script(["off"], { REDIS_URL: server.url })).toMatchObject({ code: 0, stdout: "read-only: off\n" });
    await Promise.all(replicas.map((r) => r.readOnly.until(false)));
    await Promise.all(replicas.map((r) => r.close()));
  });

  it("exits 2 on a bad argument or without REDIS_URL, 1 when Redis does not answer", async () => {
    expect((await script(["maybe"], { REDIS_URL: server.url })).code).toBe(2);
    expect((await script([], { REDIS_URL: server.url })).code).toBe(2);
    expect(await script(["on"], {})).toMatchObject({ code: 2, stderr: expect.stringContaining("REDIS_URL is not set") });
    expect((await script(["on"], { REDIS_URL: "http://127.0.0.1:1" })).code).toBe(2);
    expect((await script(["on"], { REDIS_URL: "redis://127.0.0.1:1" })).code).toBe(1);
    // Five node processes in a row: 11 s beside another suite on 2 cores.
  }, 60_000);
});
