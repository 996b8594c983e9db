import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { ResponseCache } from "./response-cache.mjs";

type App = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real server whose app is counted, with the cache in front as scripts/server.mjs puts it. */
async function serve(app: App, cache = new ResponseCache({ maxBytes: 1 << 20 })) {
  let calls = 0;
  server = createServer((req, res) => {
    if (cache.serve(req, res)) return;
    const state = { uncacheable: false };
    cache.capture(req, res, state);
    calls += 1;
    // The app marks a response it must not be replayed (a render that failed after the head went out).
    (res as ServerResponse & { state?: typeof state }).state = state;
    app(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { cache, calls: () => calls, get: (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: "manual" }) };
}

let renders = 0;
/** Like a page: immutable, an ETag, a nonce that differs per rendering, written in several chunks. */
const page: App = (req, res) => {
  renders += 1;
  res.setHeader("cache-control", "public, max-age=31536000, immutable");
  res.setHeader("content-security-policy", `script-src 'nonce-${renders}'`);
  res.writeHead(200, { etag: 'W/"v1"', "content-type": "text/html", "x-pkgdiff-cache": "miss", xkey: "pkg:npm:x eco:npm" });
  res.write("<p>rendering ");
  res.end(`${renders}</p>`);
};

describe("ResponseCache", () => {
  it("replays an immutable response byte for byte, head included, without the app", async () => {
    const app = await serve(page);
    const first = await app.get("/diff/x/1.0.0..2.0.0");
    const firstBody = await first.text();
    const second = await app.get("/diff/x/1.0.0..2.0.0");
    expect(await second.text()).toBe(firstBody);
    expect(app.calls()).toBe(1);
    expect(second.headers.get("content-security-policy")).toBe(first.headers.get("content-security-policy"));
    expect(second.headers.get("etag")).toBe('W/"v1"');
    expect(second.headers.get("content-type")).toBe("text/html");
    // A replay keeps the surrogate keys, for a Varnish in front that indexes what it caches by them.
    expect(second.headers.get("xkey")).toBe("pkg:npm:x eco:npm");
    expect(first.headers.get("x-pkgdiff-cache")).toBe("miss");
    expect(second.headers.get("x-pkgdiff-cache")).toBe("hit");
  });

  it("replays repeated headers whole, also when the server set one of its own first", async () => {
    const cache = new ResponseCache({ maxBytes: 1 << 20 });
    let calls = 0;
    server = createServer((req, res) => {
      if (calls > 0) res.setHeader("connection", "close"); // as scripts/server.mjs does once shutting down
      if (cache.serve(req, res)) return;
      cache.capture(req, res);
      calls += 1;
      res.writeHead(200, ["cache-control", "immutable", "link", "</a.css>; rel=preload", "link", "</b.js>; rel=preload"]).end("x");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await (await fetch(url)).text();
    const replayed = await fetch(url);
    expect(calls).toBe(1);
    expect(replayed.headers.get("link")).toBe("</a.css>; rel=preload, </b.js>; rel=preload");
    expect(replayed.headers.get("connection")).toBe("close");
  });

  it("answers If-None-Match with a 304 that carries no CSP", async () => {
    const app = await serve(page);
    await (await app.get("/p")).text();
    const revalidated = await app.get("/p", { "if-none-match": 'W/"v1"' });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe('W/"v1"');
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
    expect(revalidated.headers.get("xkey")).toBe("pkg:npm:x eco:npm");
    expect(app.calls()).toBe(1);
  });

  it("keeps representations apart: encodings are separate entries; RSC and Range requests always reach the app", async () => {
    const app = await serve((req, res) => {
      const gzip = String(req.headers["accept-encoding"]).includes("gzip");
      res.writeHead(200, { "cache-control": "immutable", ...(gzip ? { "content-encoding": "gzip" } : {}) });
      res.end(gzip ? gzipSync("zipped") : "plain");
    });
    expect(await (await app.get("/a", { "accept-encoding": "gzip" })).text()).toBe("zipped");
    expect(await (await app.get("/a", { "accept-encoding": "identity" })).text()).toBe("plain");
    expect(await (await app.get("/a", { "accept-encoding": "gzip" })).text()).toBe("zipped");
    expect(app.calls()).toBe(2);
    await app.get("/a", { "accept-encoding": "identity", rsc: "1" });
    await app.get("/a", { "accept-encoding": "identity", range: "bytes=0-1" });
    expect(app.calls()).toBe(4);
  });

  it("never keeps errors, redirects, short-lived or oversized responses", async () => {
    const app = await serve(
      (req, res) => {
        if (req.url === "/error") res.writeHead(404, { "cache-control": "immutable" }).end("no");
        else if (req.url === "/redirect") res.writeHead(307, { location: "/x", "cache-control": "public, max-age=300" }).end();
        else if (req.url === "/short") res.writeHead(200, { "cache-control": "public, max-age=300" }).end("short");
        else res.writeHead(200, { "cache-control": "immutable" }).end("x".repeat(2000));
      },
      new ResponseCache({ maxBytes: 1 << 20, maxEntryBytes: 1000 }),
    );
    for (const path of ["/error", "/redirect", "/short", "/big"]) {
      await (await app.get(path, {})).arrayBuffer().catch(() => undefined);
      await (await app.get(path, {})).arrayBuffer().catch(() => undefined);
    }
    expect(app.calls()).toBe(8);
  });

  it("never keeps a response the app marked uncacheable while it was sent", async () => {
    const app = await serve((req, res) => {
      res.writeHead(200, { "cache-control": "immutable" });
      res.write("half a page");
      (res as ServerResponse & { state?: { uncacheable: boolean } }).state!.uncacheable = true; // the rest failed
      res.end("…and an error");
    });
    await (await app.get("/failed")).text();
    await (await app.get("/failed")).text();
    expect(app.calls()).toBe(2);
  });

  it("keeps a body streamed in many writes whole, and never one whose stream was cut off part-way", async () => {
    // As Next pipes a streamed .patch: one write per batch; a batch that fails destroys the response.
    const batches = Array.from({ length: 40 }, (_, i) => `diff --git a/f${i} b/f${i}\n${"+x\n".repeat(50)}`);
    const app = await serve((req, res) => {
      res.writeHead(200, { "cache-control": "immutable", "content-type": "text/x-diff" });
      let i = 0;
      const next = (): void => {
        if (req.url === "/cut" && i === 20) return void res.destroy(new Error("a batch failed"));
        if (i === batches.length) return void res.end();
        res.write(batches[i++]);
        setImmediate(next);
      };
      next();
    });
    expect(await (await app.get("/whole")).text()).toBe(batches.join(""));
    const replayed = await app.get("/whole");
    expect(replayed.headers.get("x-pkgdiff-cache")).toBe("hit");
    expect(await replayed.text()).toBe(batches.join(""));
    for (let n = 0; n < 2; n++) await expect(app.get("/cut").then((r) => r.text())).rejects.toThrow();
    expect(app.calls()).toBe(3);
  });

  it("stays within its byte bound, dropping the least recently used first", async () => {
    const cache = new ResponseCache({ maxBytes: 2500, maxEntryBytes: 1500 }); // two entries fit, not three
    const app = await serve((req, res) => res.writeHead(200, { "cache-control": "immutable" }).end("y".repeat(900)), cache);
    for (const path of ["/1", "/2", "/1", "/3"]) await (await app.get(path)).text();
    expect(cache.bytes).toBeLessThanOrEqual(2500);
    expect(app.calls()).toBe(3);
    await (await app.get("/1")).text(); // recently used: kept
    expect(app.calls()).toBe(3);
    await (await app.get("/2")).text(); // least recently used: dropped
    expect(app.calls()).toBe(4);
  });
});
