import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type FixtureRegistry, Gate, startFixtureRegistry } from "../fixtures/registry";
import { freePort, type RedisServer, startRedisServer } from "../lib/testing/redis-server.mjs";
import { ServerProcess, WAIT } from "./support/server-process";

/**
 * Shared mode (issue 14) with real parts: one redis-server and two replicas
 * (scripts/server.mjs, one build, each with its own CACHE_DIR) against the
 * fixture registry, which counts what each replica fetched.
 */
test.describe.configure({ mode: "serial" });

const tarballFetches = (registry: FixtureRegistry, name: string) => registry.requests.filter((p) => p.startsWith(`/${name}/-/`));

let registry: FixtureRegistry;
let redis: RedisServer;
let work: string;
let a: ServerProcess;
let b: ServerProcess;

/** A replica on a port chosen beforehand, so it can say where the others copy its tarballs from (SHARED_PEER_URL). */
async function replica(name: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  return new ServerProcess({
    REGISTRY_URL: registry.url,
    CACHE_DIR: path.join(work, name),
    REDIS_URL: redis.url,
    PORT: String(port),
    SHARED_PEER_URL: `http://127.0.0.1:${port}`,
    RATE_LIMIT_MISSES: "0",
    // A busy machine can stall a replica's event loop past the default 500 ms, and the replica would
    // then rightly go on alone; these tests are about what is shared, not about a slow Redis.
    REDIS_TIMEOUT_MS: "10000",
    ...env,
  });
}

test.beforeAll(async () => {
  registry = await startFixtureRegistry();
  redis = await startRedisServer();
  work = await mkdtemp(path.join(tmpdir(), "pkgdiff-e2e-cluster-"));
  a = await replica("a");
  b = await replica("b");
  await Promise.all([a.ready(), b.ready()]);
});

test.afterEach(() => registry?.setFault(null));

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  await registry?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

test("identical requests spread over both replicas: one computation, one download per tarball, identical bodies", async () => {
  const url = "/api/v1/diff/demo-pkg/1.0.0..1.1.0";
  const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? b : a).get(url)));
  expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
  expect(new Set(replies.map((r) => r.body)).size).toBe(1);
  expect(tarballFetches(registry, "demo-pkg").sort()).toEqual(["/demo-pkg/-/demo-pkg-1.0.0.tgz", "/demo-pkg/-/demo-pkg-1.1.0.tgz"]);
});

test("a replica serves what the other computed, without the registry's tarballs", async () => {
  const url = "/api/v1/diff/demo-pkg/1.1.0..1.2.0";
  const before = tarballFetches(registry, "demo-pkg").length;
  const first = await a.get(url);
  expect(first.status).toBe(200);
  // 1.2.0's tarball is new; 1.1.0's is on a's disk if a computed the test before's diff.
  const fetched = tarballFetches(registry, "demo-pkg").length - before;
  expect(fetched).toBeGreaterThanOrEqual(1);
  const second = await b.get(url);
  expect(second.status).toBe(200);
  expect(second.body).toBe(first.body);
  expect(tarballFetches(registry, "demo-pkg").length - before).toBe(fetched);
  expect((await b.requestRecord(url)).cache).toBe("hit");
});

test("the page of a diff the other replica computed renders on this one, its tarballs copied from that replica", async () => {
  const url = "/diff/demo-pkg/1.0.0..2.0.0-rc.1";
  expect((await a.get("/api/v1/diff/demo-pkg/1.0.0..2.0.0-rc.1")).status).toBe(200);
  const before = tarballFetches(registry, "demo-pkg").length;
  const page = await b.get(url);
  expect(page.status).toBe(200);
  expect(page.body).toContain("demo-pkg");
  expect(page.body).toContain("index.js");
  // The registry saw each tarball once: b copied a's verified copies.
  expect(tarballFetches(registry, "demo-pkg").length).toBe(before);
});

test.describe("one client's miss budget is one across the replicas", () => {
  let c: ServerProcess;
  let d: ServerProcess;
  test.beforeAll(async () => {
    c = await replica("c", { RATE_LIMIT_MISSES: "2", RATE_LIMIT_WINDOW_S: "3600" });
    d = await replica("d", { RATE_LIMIT_MISSES: "2", RATE_LIMIT_WINDOW_S: "3600" });
    await Promise.all([c.ready(), d.ready()]);
  });
  test.afterAll(async () => Promise.all([c?.stop(), d?.stop()]));

  test("two misses on one replica, the third on the other is a 429", async () => {
    expect((await c.get("/api/v1/diff/canary-pkg/1.0.0..1.1.0")).status).toBe(200);
    expect((await c.get("/api/v1/diff/canary-pkg/1.0.0..2.0.0-canary-00")).status).toBe(200);
    const refused = await d.get("/api/v1/diff/canary-pkg/1.1.0..2.0.0-canary-00");
    expect(refused.status, `d's stderr: ${d.stderr.slice(-2000)}`).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  });
});

test("a replica killed while it holds the lock: the other finishes the diff once the lock expires", async () => {
  // The lock lives 15 s unless renewed (lib/shared/redis-lock.ts): the test waits for that expiry.
  test.setTimeout(120_000);
  const e = await replica("e");
  const f = await replica("f");
  try {
    await Promise.all([e.ready(), f.ready()]);
    const gate = new Gate();
    registry.setFault({ kind: "hold", gate, only: "tarball" });
    const url = "/api/v1/diff/viewer-pkg/1.0.0..1.1.0";
    const holder = e.get(url).catch(() => undefined);
    await gate.arrived(); // e holds the lock and waits for a tarball (a URL without tarballs would hang here: keep it real)
    const waiter = f.get(url);
    e.signal("SIGKILL");
    await holder;
    registry.setFault(null);
    gate.open();
    const reply = await waiter;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ name: "viewer-pkg", from: "1.0.0", to: "1.1.0" });
  } finally {
    await Promise.all([e.stop(), f.stop()]);
  }
});

test("Redis killed mid-run: both replicas keep serving, cached and new diffs alike", async () => {
  await redis.stop();
  const cached = await a.get("/api/v1/diff/demo-pkg/1.0.0..1.1.0");
  expect(cached.status).toBe(200);
  const fresh = await b.get("/api/v1/diff/browse-pkg/1.0.0..2.0.0");
  expect(fresh.status).toBe(200);
  const deep = await a.get("/healthz?deep=1");
  expect(deep.status).toBe(200);
  expect(JSON.parse(deep.body)).toMatchObject({ redis: "down" });
  await expect.poll(() => a.records.some((r) => r.event === "redis-unavailable") || a.stderr.includes("redis-unavailable"), WAIT).toBe(true);
});
