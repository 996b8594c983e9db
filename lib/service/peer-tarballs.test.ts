import { mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { peerTarballEndpoint } from "../endpoints/peer-tarball";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { adapterFor } from "../registry/npm/test-helpers";
import { withRegistryAndRedis } from "../testing/registry-and-redis";
import { createSharedResources, PkgdiffService, type ServiceSettings, type SharedResources } from "./diff-service";
import { PEER_SECRET_HEADER, peerTarballPath } from "./tarball-store";

const PKG = "demo-pkg";
const PLAIN = { ignoreWhitespace: false };
const LIMITS = { maxTarballBytes: 1e8, maxUnpackedBytes: 1e9, maxEntries: 1e5, maxDiffFileBytes: 1 << 24, diffFileBudgetMs: 5_000 };

const env = withRegistryAndRedis();

let opened: { shared: SharedResources; server: Server }[] = [];
afterEach(async () => {
  await Promise.all(opened.map(({ shared, server }) => Promise.all([shared.state.close(), new Promise((resolve) => server.close(resolve))])));
  opened = [];
});

/**
 * One replica: its own cache folder, the shared Redis, and an HTTP server
 * that answers the peer endpoint as the app's route does (`serve` swaps its
 * answer, for a replica that misbehaves).
 */
async function replica(serve?: (request: Request, key: string, service: PkgdiffService) => Promise<Response>): Promise<PkgdiffService> {
  const holder: { service?: PkgdiffService } = {};
  const server = createServer((req, res) => {
    const key = (req.url ?? "").split("/").pop() ?? "";
    const request = new Request(`http://peer${req.url}`, { headers: req.headers as Record<string, string> });
    void (serve ?? peerTarballEndpoint)(request, key, holder.service!).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const peerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settings: ServiceSettings = {
    cacheDir: await mkdtemp(path.join(tmpdir(), "pkgdiff-peers-")),
    limits: LIMITS,
    cache: { diskBytes: 1e9, treeMemoryBytes: 1e8, diffMemoryBytes: 1e8 },
    admission: { maxActive: 2, maxQueued: 16, missesPerWindow: 0, windowSeconds: 60 },
    shared: { redisUrl: env.redis.url, peerUrl, diffMaxBytes: 8 << 20, commandTimeoutMs: 10_000, readOnly: false },
  };
  const shared = createSharedResources(settings);
  opened.push({ shared, server });
  holder.service = new PkgdiffService(npmEcosystem, adapterFor(env.registry, { retries: 0 }), settings, { shared });
  return holder.service;
}

async function tarballRequests(work: () => Promise<unknown>): Promise<string[]> {
  const mark = env.registry.requests.length;
  await work();
  return env.registry.requests.slice(mark).filter((r) => r.endsWith(".tgz"));
}

describe("tarballs copied between replicas (SHARED_PEER_URL)", () => {
  it("a replica that serves another one's diff copies its tarballs from that replica, not from the registry", async () => {
    const [a, b] = [await replica(), await replica()];
    expect(await tarballRequests(() => a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN))).toHaveLength(2);
    const restored = await b.getDiff(PKG, "1.0.0", "1.1.0", PLAIN);
    let trees: Awaited<ReturnType<typeof restored.trees>> | undefined;
    expect(await tarballRequests(async () => (trees = await restored.trees()))).toEqual([]);
    const own = await (await a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN)).trees();
    expect([...trees!.new.entries.keys()]).toEqual([...own.new.entries.keys()]);
    // B holds them now too, on its own disk.
    const pkg = await b.getPackage(PKG);
    expect(await b.tarballs.isOnDisk(b.tarballs.refFor(pkg, "1.1.0"))).toBe(true);
  });

  it("a copy that does not verify is dropped and the env.registry asked instead", async () => {
    const liar = await replica(async () => new Response(new Uint8Array([1, 2, 3]), { headers: { "content-type": "application/octet-stream" } }));
    const b = await replica();
    await liar.getDiff(PKG, "1.1.0", "1.2.0", PLAIN);
    const restored = await b.getDiff(PKG, "1.1.0", "1.2.0", PLAIN);
    expect(await tarballRequests(() => restored.trees())).toHaveLength(2);
  });

  it("answers only a peer that presents the cluster's secret", async () => {
    const a = await replica();
    await a.getDiff(PKG, "1.0.0", "1.1.0", PLAIN);
    const pkg = await a.getPackage(PKG);
    const ref = a.tarballs.refFor(pkg, "1.0.0");
    const key = peerTarballPath(ref.key).split("/").pop()!;
    const ask = (headers: Record<string, string>) => peerTarballEndpoint(new Request(`http://peer${peerTarballPath(ref.key)}`, { headers }), key, a);
    expect((await ask({})).status).toBe(404);
    expect((await ask({ [PEER_SECRET_HEADER]: "guess" })).status).toBe(404);
    const secret = (await env.raw.get("pkgdiff:peer-secret")) ?? "";
    const answer = await ask({ [PEER_SECRET_HEADER]: secret });
    expect(answer.status).toBe(200);
    expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await peerTarballEndpoint(new Request("http://peer/x", { headers: { [PEER_SECRET_HEADER]: secret } }), "bm90LWhlbGQ", a)).status).toBe(404);
  });
});
