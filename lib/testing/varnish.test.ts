import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReplica, renderVcl } from "../../deploy/varnish/varnishd.mjs";
import { IMMUTABLE, SHORT_LIVED } from "../http/headers";
import { withAppEnv } from "./app-env";
import { get, isHit, startTestVarnish, ttlOf, type Varnishd } from "./varnish";
import { startTestReplica, type TestReplica } from "./varnish-replica";

/**
 * deploy/varnish/default.vcl in a real varnishd, in front of two stand-in
 * replicas that answer through the app's own request path (proxy, gates,
 * route functions) against the fixture registry.
 */
const registry = withAppEnv();
let a: TestReplica;
let b: TestReplica;
let varnish: Varnishd;

beforeAll(async () => {
  a = await startTestReplica("a");
  b = await startTestReplica("b");
  varnish = await startTestVarnish([a, b]);
}, 30_000);

afterAll(async () => {
  await varnish?.stop();
  await a?.close();
  await b?.close();
});

/** How many times the replicas were asked for `path` (with query). */
const fetched = (path: string) => [...a.requests, ...b.requests].filter((p) => p === path).length;

/** Two GETs of `path` through Varnish, the first's body read before the second goes. */
async function twice(path: string, headers: Record<string, string> = {}) {
  const first = await get(varnish, path, headers);
  const firstBody = await first.text();
  const second = await get(varnish, path, headers);
  return { first, firstBody, second, secondBody: await second.text() };
}

/** `node scripts/purge.mjs …args` against this Varnish. */
function purge(...args: string[]) {
  return promisify(execFile)(process.execPath, ["scripts/purge.mjs", ...args, "--varnish", varnish.url]);
}

describe("Varnish with deploy/varnish/default.vcl", () => {
  it("serves a canonical diff page's second request from its cache, for a year, without its surrogate keys", async () => {
    const path = "/diff/demo-pkg/1.1.0..1.2.0";
    const { first, firstBody, second, secondBody } = await twice(path);
    expect(first.status).toBe(200);
    expect(isHit(first)).toBe(false);
    expect(second.status).toBe(200);
    expect(isHit(second)).toBe(true);
    expect(second.headers.get("age")).not.toBeNull();
    expect(secondBody).toBe(firstBody);
    expect(second.headers.get("cache-control")).toBe(IMMUTABLE);
    expect(fetched(path)).toBe(1);
    expect(await ttlOf(varnish, path)).toEqual({ ttl: 31_536_000, grace: 0 });
    // The replica sends the keys; Varnish keeps them for itself.
    const direct = await fetch(`http://127.0.0.1:${a.port}${path}`);
    expect(direct.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    expect(first.headers.get("xkey")).toBeNull();
    expect(second.headers.get("xkey")).toBeNull();
  });

  it("keys by the whole URL: another query string is another page", async () => {
    const split = "/diff/demo-pkg/1.1.0..1.2.0?view=split";
    const { first, second } = await twice(split);
    expect([isHit(first), isHit(second)]).toEqual([false, true]);
    expect(fetched(split)).toBe(1);
  });

  it("caches a redirect that resolves a tag only for its short max-age", async () => {
    const path = "/diff/demo-pkg/1.1.0..latest";
    const { first, second } = await twice(path);
    expect(first.status).toBe(307);
    expect(second.status).toBe(307);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(isHit(second)).toBe(true);
    expect(second.headers.get("cache-control")).toBe(SHORT_LIVED);
    expect(second.headers.get("xkey")).toBeNull();
    // max-age=300, and no grace beyond it: a new publish shows within five minutes.
    expect(await ttlOf(varnish, path)).toEqual({ ttl: 300, grace: 0 });
  });

  it("never caches an error: unknown package (404), registry down (502), or one marked immutable", async () => {
    const unknown = "/diff/no-such-pkg/1.0.0..2.0.0";
    const notFound = await twice(unknown);
    expect([notFound.first.status, notFound.second.status]).toEqual([404, 404]);
    expect(isHit(notFound.second)).toBe(false);
    expect(fetched(unknown)).toBe(2);

    registry().setFault({ kind: "status", status: 500 });
    const down = "/api/v1/packages/canary-pkg";
    const badGateway = await twice(down);
    registry().setFault(null);
    expect([badGateway.first.status, badGateway.second.status]).toEqual([502, 502]);
    expect(fetched(down)).toBe(2);
    // Once the registry is back, the answer is the registry's, not the remembered error.
    expect((await get(varnish, down)).status).toBe(200);

    for (const status of [404, 503]) {
      const marked = `/test/error?status=${status}`;
      const { first, second } = await twice(marked);
      expect([first.status, second.status]).toEqual([status, status]);
      expect(fetched(marked)).toBe(2);
    }
  });

  it("never caches a response that sets a cookie, even one marked immutable", async () => {
    const { first, second } = await twice("/test/set-cookie");
    expect(second.headers.get("set-cookie")).toBe("session=1; Path=/");
    expect([isHit(first), isHit(second)]).toEqual([false, false]);
    expect(fetched("/test/set-cookie")).toBe(2);
  });

  it("answers the replicas' internal tarball path 404 itself: it is for peers, never for clients", async () => {
    const path = "/api/internal/tarball/bnBtOnNoYTUxMi14";
    const reply = await get(varnish, path, { "x-pkgdiff-peer": "anything" });
    expect(reply.status).toBe(404);
    await reply.text();
    expect(fetched(path)).toBe(0);
  });

  it("passes Next's RSC requests and Range requests to a replica every time", async () => {
    const page = "/diff/demo-pkg/1.0.0..1.1.0";
    await twice(page); // the page itself is cached now
    const before = fetched(page);
    const rsc = await twice(page, { rsc: "1" });
    expect([isHit(rsc.first), isHit(rsc.second)]).toEqual([false, false]);
    expect(fetched(page)).toBe(before + 2);
    const busted = `${page}?_rsc=1x2y3`;
    await twice(busted);
    expect(fetched(busted)).toBe(2);

    const raw = "/raw/demo-pkg/1.1.0/package.json";
    const ranged = await twice(raw, { range: "bytes=0-9" });
    expect([isHit(ranged.first), isHit(ranged.second)]).toEqual([false, false]);
    expect(fetched(raw)).toBe(2);
  });

  it("purges every response about one package with scripts/purge.mjs, and nothing else", async () => {
    const about = [
      "/diff/review-pkg/1.0.0..1.1.0",
      "/diff/review-pkg/1.0.0..1.1.0.patch",
      "/api/v1/diff/review-pkg/1.0.0..1.1.0",
      "/raw/review-pkg/1.0.0/package.json",
      // A /diffs page names every package on it.
      "/diffs?d=browse-pkg:1.0.0:2.0.0&d=review-pkg:1.0.0:1.1.0",
    ];
    const other = "/browse/browse-pkg/2.0.0";
    for (const path of [...about, other]) {
      const { second } = await twice(path);
      expect(isHit(second), path).toBe(true);
    }
    const { stdout } = await purge("review-pkg");
    expect(stdout).toContain(`Purged 5 cached responses about npm package review-pkg (key pkg:npm:review-pkg)`);
    for (const path of about) {
      const again = await get(varnish, path);
      expect(isHit(again), path).toBe(false);
      expect(fetched(path), path).toBe(2);
    }
    expect(isHit(await get(varnish, other))).toBe(true);
    expect(fetched(other)).toBe(1);
    // Another ecosystem's package of the same name is another key.
    expect((await purge("browse-pkg", "--ecosystem", "hex")).stdout).toContain("Purged 0 cached responses about hex package browse-pkg");
    expect(isHit(await get(varnish, other))).toBe(true);
  });

  it("keeps a /diffs page of 50 packages with the longest names, ~11 KiB of keys, and purges it by any one of them", async () => {
    const names = Array.from({ length: 50 }, (_, i) => `${"x".repeat(208)}-${String(i).padStart(2, "0")}`);
    const path = `/diffs?${names.map((name) => `d=${name}:1.0.0:1.0.1`).join("&")}`;
    const direct = await fetch(`http://127.0.0.1:${a.port}${path}`, { redirect: "manual" });
    expect(direct.headers.get("xkey")!.length).toBeGreaterThan(11_000);
    const { first, second } = await twice(path);
    expect(first.status).toBe(direct.status);
    expect(isHit(second)).toBe(true);
    expect((await purge(names[37]!)).stdout).toContain("Purged 1 cached response");
    expect(isHit(await get(varnish, path))).toBe(false);
  });

  it("refuses a PURGE from an address outside its ACL, and one without a key", async () => {
    const purgeFrom = (localAddress: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${varnish.url}/`, { method: "PURGE", localAddress, headers, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject).end();
      });
    expect(await purgeFrom("127.0.0.2", { xkey: "eco:npm" })).toBe(403);
    expect(await purgeFrom("127.0.0.1", {})).toBe(400);
    expect(isHit(await get(varnish, "/diff/demo-pkg/1.1.0..1.2.0"))).toBe(true);
  });

  it("spreads requests over the healthy replicas, and sends none to one that fails its /healthz probe", async () => {
    const uncached = (i: number) => `/test/set-cookie?round=${i}`;
    for (let i = 0; i < 4; i++) await get(varnish, uncached(i));
    const served = (replica: TestReplica) => replica.requests.filter((p) => p.startsWith("/test/set-cookie?round=")).length;
    expect([served(a), served(b)]).toEqual([2, 2]);

    b.healthy = false;
    await expect.poll(() => varnish.health(), { timeout: 10_000, interval: 100 }).toEqual({ replica_1: "healthy", replica_2: "sick" });
    for (let i = 4; i < 10; i++) expect((await get(varnish, uncached(i))).headers.get("x-replica")).toBe("a");
    expect([served(a), served(b)]).toEqual([8, 2]);

    b.healthy = true;
    await varnish.waitUntilHealthy();
    const replicas = new Set<string | null>();
    for (let i = 10; i < 12; i++) replicas.add((await get(varnish, uncached(i))).headers.get("x-replica"));
    expect(replicas).toEqual(new Set(["a", "b"]));
  });
});

describe("the VCL template's replica list", () => {
  it("gets one probed backend per replica, each added to the round-robin, in order", async () => {
    const template = await readFile("deploy/varnish/default.vcl", "utf8");
    const vcl = renderVcl(template, ["10.0.0.11:3000", "[::1]:3002", "app-3.internal:80"].map(parseReplica));
    expect(vcl.match(/^backend .*$/gm)).toEqual([
      'backend replica_1 { .host = "10.0.0.11"; .port = "3000"; .probe = healthz; }',
      'backend replica_2 { .host = "::1"; .port = "3002"; .probe = healthz; }',
      'backend replica_3 { .host = "app-3.internal"; .port = "80"; .probe = healthz; }',
    ]);
    expect(vcl.match(/replicas\.add_backend\(\w+\)/g)).toEqual(["replicas.add_backend(replica_1)", "replicas.add_backend(replica_2)", "replicas.add_backend(replica_3)"]);
    // Everything else is the template's.
    expect(vcl.replace(/^(backend|\s*replicas\.add_backend).*\n/gm, "")).toBe(template.replace(/^(backend|\s*replicas\.add_backend).*\n/gm, ""));
  });

  it("refuses no replicas, a replica without a port, and a template without the markers", () => {
    expect(() => renderVcl("# replicas:begin\n# replicas:end\n", [])).toThrow("at least one replica");
    expect(() => parseReplica("10.0.0.11")).toThrow("host:port");
    expect(() => parseReplica("10.0.0.11:70000")).toThrow("host:port");
    expect(() => renderVcl("vcl 4.1;\n", [{ host: "127.0.0.1", port: 3000 }])).toThrow('no "# replicas:begin"');
  });
});
