import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRequest, withAppEnv } from "../../lib/testing/app-env";
import { type RedisServer, startRedisServer } from "../../lib/testing/redis-server.mjs";
import { GET } from "./route";

withAppEnv();
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
  process.env.REDIS_URL = redis.url; // read on the first use of the configuration, below
});
afterAll(async () => {
  delete process.env.REDIS_URL;
  await redis?.stop();
});

describe("GET /healthz", () => {
  it("answers ok without looking further, and with ?deep=1 whether Redis answers — 200 either way", async () => {
    const plain = await GET(getRequest("/healthz"));
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe("ok\n");

    const up = await GET(getRequest("/healthz?deep=1"));
    expect(up.status).toBe(200);
    expect(up.headers.get("cache-control")).toBe("no-store");
    expect(await up.json()).toEqual({ redis: "ok" });

    await redis.stop();
    const down = await GET(getRequest("/healthz?deep=1"));
    expect(down.status).toBe(200);
    expect(await down.json()).toEqual({ redis: "down" });
  });
});
