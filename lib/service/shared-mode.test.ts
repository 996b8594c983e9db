import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AdmissionLimits } from "../config.mjs";
import { statusFor } from "../http/status";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { adapterFor, rejection } from "../registry/npm/test-helpers";
import { setReadOnlyFlag } from "../shared/keys.mjs";
import { startRedisServer } from "../testing/redis-server.mjs";
import { withRegistryAndRedis } from "../testing/registry-and-redis";
import { createSharedResources, type DiffResult, PkgdiffService, type ServiceSettings, type SharedResources } from "./diff-service";
import type { RequestContext } from "./request-context";

const PKG = "demo-pkg";
const PLAIN = { ignoreWhitespace: false };
const LIMITS = { maxTarballBytes: 1e8, maxUnpackedBytes: 1e9, maxEntries: 1e5, maxDiffFileBytes: 1 << 24, diffFileBudgetMs: 5_000 };
const OPEN: AdmissionLimits = { maxActive: 2, maxQueued: 16, missesPerWindow: 0, windowSeconds: 60 };

const env = withRegistryAndRedis();

/** Everything a test opened, closed after it. */
let opened: SharedResources[] = [];
afterEach(async () => {
  await Promise.all(opened.map((r) => r.state.close()));
  opened = [];
});

/** One replica: its own cache folder and memory, the Redis at `url` (none: one process). */
async function replica(url: string | undefined, overrides: { admission?: AdmissionLimits; readOnly?: boolean } = {}): Promise<PkgdiffService> {
  const settings: ServiceSettings = {
    cacheDir: await mkdtemp(path.join(tmpdir(), "pkgdiff-shared-")),
    limits: LIMITS,
    cache: { diskBytes: 1e9, treeMemoryBytes: 1e8, diffMemoryBytes: 1e8 },
    admission: overrides.admission ?? OPEN,
    // Long enough that a busy machine's stalls never read as Redis being slow (its own tests cover that).
    shared: { redisUrl: url, diffMaxBytes: 8 << 20, commandTimeoutMs: 10_000, readOnly: overrides.readOnly ?? false },
  };
  const shared = createSharedResources(settings);
  opened.push(shared);
  return new PkgdiffService(npmEcosystem, adapterFor(env.registry, { retries: 0 }), settings, { shared });
}

async function upstream(work: () => Promise<unknown>): Promise<string[]> {
  const mark = env.registry.requests.length;
  await work();
  return env.registry.requests.slice(mark);
}

const tarballs = (requests: string[]) => requests.filter((r) => r.endsWith(".tgz"));

describe("shared mode: two replicas, one Redis", () => {
  it("replica B serves what A computed without the registry; its trees download only when a page needs them", async () => {
    const [a, b] = [await replica(env.redis.url), await replica(env.redis.url)];
    const computed = await a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN);
    const context: RequestContext = {};
    let restored: DiffResult | undefined;
    const requests = await upstream(async () => {
      expect(await b.hasDiff(PKG, "1.0.0", "1.1.0", PLAIN)).toBe(true);
      restored = await b.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, context);
    });
    expect(requests).toEqual([]);
    expect(context.cache).toBe("hit");
    expect(restored?.files).toEqual(computed.files);
    expect(restored?.totals).toEqual(computed.totals);
    expect(restored?.summary).toEqual(computed.summary);
    const downloads = await upstream(async () => {
      const [restoredTrees, computedTrees] = await Promise.all([restored!.trees(), computed.trees()]);
      expect([...restoredTrees.new.entries.keys()]).toEqual([...computedTrees.new.entries.keys()]);
    });
    expect(tarballs(downloads)).toHaveLength(2);
  });

  it("computes a diff once for concurrent requests spread over both replicas: one download per tarball", async () => {
    const [a, b] = [await replica(env.redis.url), await replica(env.redis.url)];
    let results: DiffResult[] = [];
    const requests = await upstream(async () => {
      results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).getDiff(PKG, "1.1.0", "1.2.0", PLAIN)));
    });
    expect(tarballs(requests)).toHaveLength(2);
    for (const result of results) expect(result.files).toEqual(results[0]!.files);
  });

  it("spends one client's miss budget across replicas: the second new diff on the other replica is a 429", async () => {
    const admission = { ...OPEN, missesPerWindow: 1, windowSeconds: 3600 };
    const [a, b] = [await replica(env.redis.url, { admission }), await replica(env.redis.url, { admission })];
    const client = "203.0.113.7";
    await a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { client });
    const limited = await rejection(b.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { client }));
    expect(limited.kind).toBe("rate_limited");
    expect(statusFor(limited)).toBe(429);
    await b.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { client }); // computed already (by A): not a miss
    await b.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { client: "203.0.113.8" }); // another client
  });

  it("keeps serving and computing from its own layers when Redis dies mid-run, and says so once", async () => {
    const own = await startRedisServer();
    const [a, b] = [await replica(own.url), await replica(own.url)];
    const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const first = await a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN);
      await own.stop();
      const again: RequestContext = {};
      expect(await a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, again)).toBe(first);
      expect(again.cache).toBe("hit");
      const fresh: RequestContext = {};
      const computed = await a.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, fresh);
      expect(fresh.cache).toBe("miss");
      expect(computed.files.length).toBeGreaterThan(0);
      // B never saw A's diff: it computes it on its own.
      expect((await b.getDiff(PKG, "1.0.0", "1.1.0", PLAIN)).files).toEqual(first.files);
      const outages = errors.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('"event":"redis-unavailable"'));
      expect(outages).toHaveLength(2); // once per replica
    } finally {
      errors.mockRestore();
    }
  });

  it("read-only: every replica serves what is cached and refuses new work with a 503 that says when to retry", async () => {
    const [a, b] = [await replica(env.redis.url), await replica(env.redis.url)];
    const cached = await a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN);
    await a.getTree(PKG, "1.2.0");
    await a.state.readOnly.set(true);
    await b.state.readOnly.until(true);

    expect((await b.getDiff(PKG, "1.0.0", "1.1.0", PLAIN)).files).toEqual(cached.files); // from Redis
    expect((await a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN)).files).toEqual(cached.files);
    expect(await a.getTree(PKG, "1.2.0")).toBeDefined(); // unpacked already
    const refused = await rejection(b.getDiff(PKG, "1.1.0", "1.2.0", PLAIN));
    expect(refused.kind).toBe("read_only");
    expect(statusFor(refused)).toBe(503);
    expect(refused.message).toContain("maintenance");
    expect(refused.details.retryAfter).toBeGreaterThan(0);
    expect((await rejection(b.getTree(PKG, "2.0.0-rc.1"))).kind).toBe("read_only"); // a new tarball
    // B has the diff but not its tarballs: a page of it would need a download.
    expect((await rejection((await b.getDiff(PKG, "1.0.0", "1.1.0", PLAIN)).trees())).kind).toBe("read_only");

    await b.state.readOnly.set(false);
    await a.state.readOnly.until(false);
    await b.getDiff(PKG, "1.1.0", "1.2.0", PLAIN);
  });

  it("a replica that starts while the flag is on refuses new work from its first request", async () => {
    await setReadOnlyFlag(env.raw, true);
    const fresh = await replica(env.redis.url);
    expect((await rejection(fresh.getDiff(PKG, "1.0.0", "1.1.0", PLAIN))).kind).toBe("read_only");
  });
});

describe("one process (no REDIS_URL)", () => {
  it("READ_ONLY=1 serves the caches and refuses new diffs", async () => {
    const svc = await replica(undefined, { readOnly: true });
    expect((await rejection(svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN))).kind).toBe("read_only");
    expect(await svc.state.health()).toBe("off");
    await svc.state.readOnly.set(false);
    await svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN);
    await svc.state.readOnly.set(true);
    expect((await svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN)).files.length).toBeGreaterThan(0);
  });
});
