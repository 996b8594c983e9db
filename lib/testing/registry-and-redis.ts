import { createClient } from "redis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type FixtureRegistry, startFixtureRegistry } from "../../fixtures/registry";
import { type RedisServer, startRedisServer } from "./redis-server.mjs";

export interface RegistryAndRedis {
  registry: FixtureRegistry;
  redis: RedisServer;
  /** A plain client of that Redis, for what a test looks at or sets directly. */
  raw: ReturnType<typeof createClient>;
}

/**
 * For a test file of shared mode: the fixture registry and a real
 * redis-server for the whole file, Redis emptied before each test. The
 * returned object is filled in before the first test runs.
 *
 * @example
 * const env = withRegistryAndRedis();
 * it("…", async () => { await env.raw.get("pkgdiff:peer-secret"); });
 */
export function withRegistryAndRedis(): RegistryAndRedis {
  const env = {} as RegistryAndRedis;
  beforeAll(async () => {
    [env.registry, env.redis] = await Promise.all([startFixtureRegistry(), startRedisServer()]);
    env.raw = createClient({ url: env.redis.url });
    await env.raw.connect();
  });
  afterAll(async () => {
    await env.raw?.close();
    await Promise.all([env.registry?.close(), env.redis?.stop()]);
  });
  beforeEach(() => env.raw.flushAll());
  return env;
}
