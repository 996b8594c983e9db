import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RedisServer, startRedisServer } from "../testing/redis-server.mjs";
import { PREFIX } from "./keys.mjs";
import { lockKey } from "./redis-lock";
import { describeSharedStateContract, ENTRY_CODEC, MemoryStore } from "./test-contract";
import { redisReplica } from "./test-redis-harness";

let server: RedisServer;
let raw: ReturnType<typeof createClient>;
beforeAll(async () => {
  server = await startRedisServer();
  raw = createClient({ url: server.url });
  await raw.connect();
});
afterAll(async () => {
  await raw?.close();
  await server?.stop();
});

describeSharedStateContract("Redis", async (limits) => {
  await raw.flushAll();
  const [a, b] = [redisReplica(server.url, limits), redisReplica(server.url, limits)];
  return { a, b, localA: new MemoryStore(), localB: new MemoryStore(), close: () => Promise.all([a.close(), b.close()]).then(() => undefined) };
});

const LIMITS = { missesPerWindow: 2, windowSeconds: 60, maxActive: 2, maxQueued: 2 };

describe("Redis shared state", () => {
  it("keeps an entry above the size cap local, and reads a corrupt shared entry as a miss", async () => {
    await raw.flushAll();
    const [a, b] = [redisReplica(server.url, LIMITS, { maxEntryBytes: 200 }), redisReplica(server.url, LIMITS, { maxEntryBytes: 200 })];
    const [localA, localB] = [new MemoryStore(), new MemoryStore()];
    const [storeA, storeB] = [a.layered("test", localA, ENTRY_CODEC), b.layered("test", localB, ENTRY_CODEC)];
    // Random lines: compressed, still far above 200 bytes.
    const big = { key: "big", lines: Array.from({ length: 200 }, () => Math.random().toString(36)) };
    await storeA.put(big);
    expect(await storeA.get("big")).toEqual(big); // in A's own layer
    expect(await storeB.get("big")).toBeUndefined();
    expect(await raw.exists(`${PREFIX}test:big`)).toBe(0);

    const small = { key: "small", lines: ["x"] };
    await storeA.put(small);
    expect(await storeB.get("small")).toEqual(small);
    expect(localB.entries.get("small")).toEqual(small); // kept in B's own layer once read

    await raw.set(`${PREFIX}test:bad`, "not brotli");
    expect(await storeB.get("bad")).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });

  it("takes over a lock whose holder stopped renewing once it expires", async () => {
    await raw.flushAll();
    const state = redisReplica(server.url, LIMITS);
    // A holder that died: its token is never renewed and expires on its own.
    await raw.set(lockKey("k"), "dead-holder", { expiration: { type: "PX", value: 150 } });
    let holderWhenComputing: string | null = "not computed";
    const asked = state.locks.once(
      "k",
      async () => {
        holderWhenComputing = await raw.get(lockKey("k"));
        return "computed";
      },
      async () => undefined,
    );
    await vi.waitFor(async () => expect(await raw.get(lockKey("k"))).not.toBe("dead-holder"), { timeout: 5_000, interval: 10 });
    expect(await asked).toEqual({ value: "computed", computed: true });
    expect(holderWhenComputing).not.toBe("dead-holder");
    expect(holderWhenComputing).not.toBeNull(); // computed under its own lock
    expect(await raw.exists(lockKey("k"))).toBe(0); // and released it
    await state.close();
  });

  it("a waiter computes itself when the holder failed without a result", async () => {
    await raw.flushAll();
    const [a, b] = [redisReplica(server.url, LIMITS), redisReplica(server.url, LIMITS)];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const failing = a.locks.once(
      "k",
      async () => {
        started();
        await held;
        throw new Error("the holder failed");
      },
      async () => undefined,
    );
    await holding;
    const waiting = b.locks.once("k", async () => "by b", async () => undefined);
    release();
    await expect(failing).rejects.toThrow("the holder failed");
    expect(await waiting).toEqual({ value: "by b", computed: true });
    await Promise.all([a.close(), b.close()]);
  });
});

describe("Redis lock waits", () => {
  it("a waiter stops waiting for another replica's lock once nobody wants the result, and never computes", async () => {
    await raw.flushAll();
    const state = redisReplica(server.url, LIMITS);
    // Another replica holds the lock for a long time.
    await raw.set(lockKey("k"), "other-replica", { expiration: { type: "PX", value: 60_000 } });
    const gone = new AbortController();
    let computed = false;
    let looked = 0;
    const waiting = state.locks.once(
      "k",
      async () => {
        computed = true;
        return "computed";
      },
      async () => {
        looked += 1;
        return undefined;
      },
      gone.signal,
    );
    await vi.waitFor(() => expect(looked).toBeGreaterThan(0), { timeout: 5_000, interval: 10 }); // it is waiting
    gone.abort(new Error("the client went away"));
    await expect(waiting).rejects.toThrow("the client went away");
    expect(computed).toBe(false);
    expect(await raw.get(lockKey("k"))).toBe("other-replica");
    await state.close();
  });
});

describe("Redis outage", () => {
  it("falls back to this replica's own state, logs the outage once, and recovers by itself", async () => {
    const own = await startRedisServer();
    const log: Record<string, unknown>[] = [];
    const state = redisReplica(own.url, { ...LIMITS, missesPerWindow: 1 }, { log: (record) => log.push(record) });
    const store = state.layered("test", new MemoryStore(), ENTRY_CODEC);
    expect(await state.health()).toBe("ok");
    await state.budget.take("192.0.2.1"); // spent in Redis

    await own.stop();
    expect(await state.health()).toBe("down");
    // Every piece works on without Redis.
    await store.put({ key: "k", lines: ["kept locally"] });
    expect(await store.get("k")).toEqual({ key: "k", lines: ["kept locally"] });
    expect(await state.locks.once("k", async () => "local", async () => undefined)).toEqual({ value: "local", computed: true });
    expect(await state.slots.run(async () => "ran")).toBe("ran");
    await state.budget.take("192.0.2.1"); // this replica's own bucket is still full
    await expect(Promise.resolve().then(() => state.budget.take("192.0.2.1"))).rejects.toMatchObject({ kind: "rate_limited" });
    expect(log.filter((r) => r.event === "redis-unavailable")).toHaveLength(1);

    const back = await startRedisServer(own.port);
    await vi.waitFor(() => expect(log.filter((r) => r.event === "redis-recovered")).toHaveLength(1), { timeout: 10_000, interval: 20 });
    expect(await state.health()).toBe("ok");
    await state.close();
    await back.stop();
  });

  it("goes on without a Redis that stops answering: each call gives up after its timeout", async () => {
    const own = await startRedisServer();
    const log: Record<string, unknown>[] = [];
    const state = redisReplica(own.url, LIMITS, { log: (record) => log.push(record), commandTimeoutMs: 200 });
    const store = state.layered("test", new MemoryStore(), ENTRY_CODEC);
    await store.put({ key: "shared", lines: ["x"] });
    await own.pause();
    try {
      expect(await state.health()).toBe("down");
      // Nothing waits for the frozen Redis now: the local layers and parts answer.
      expect(await store.get("missing")).toBeUndefined();
      expect(await state.locks.once("k", async () => "local", async () => undefined)).toEqual({ value: "local", computed: true });
      await state.budget.take("192.0.2.7");
      expect(log.map((r) => r.event)).toEqual(["redis-unavailable"]);
    } finally {
      own.resume();
    }
    await vi.waitFor(() => expect(log.map((r) => r.event)).toEqual(["redis-unavailable", "redis-recovered"]), { timeout: 10_000, interval: 20 });
    await state.close();
    await own.stop();
  });
});
