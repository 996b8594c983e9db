import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { proxy } from "../../proxy";
import { rawEndpoint } from "../browse/raw-endpoint";
import { diffEndpoint, packageEndpoint } from "../endpoints/api";
import { IMMUTABLE } from "../http/headers";
import { DEFAULT_ECOSYSTEM } from "../registry/ecosystems";

/**
 * A stand-in for one pkgdiff replica behind Varnish, without a Next build:
 * a node:http server that answers through the app's own request path — the
 * proxy (gates: redirects, errors with their status, cache headers, surrogate
 * keys) for pages, and the route functions for `.patch`, the JSON APIs and raw
 * files — as the routes in app/ call them. Where Next would render a page, it
 * answers the proxy's head with a small body naming the replica.
 *
 * Besides: `/healthz` (503 while `healthy` is false) and two routes no replica
 * has, for what the app never sends: `/test/set-cookie` (an immutable 200 that
 * sets a cookie) and `/test/error?status=<n>` (an error marked immutable).
 */
export interface TestReplica {
  name: string;
  port: number;
  /** Paths (with query) of the requests it answered, `/healthz` probes left out. */
  requests: string[];
  /** False: `/healthz` answers 503, as a replica that cannot serve. */
  healthy: boolean;
  close(): Promise<void>;
}

export async function startTestReplica(name: string): Promise<TestReplica> {
  const replica: TestReplica = { name, port: 0, requests: [], healthy: true, close: () => closeServer(server) };
  const server = createServer((req, res) => {
    void answer(replica, req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  replica.port = (server.address() as AddressInfo).port;
  return replica;
}

async function answer(replica: TestReplica, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  if (url.pathname === "/healthz") {
    res.writeHead(replica.healthy ? 200 : 503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end(replica.healthy ? "ok\n" : "unwell\n");
    return;
  }
  replica.requests.push(`${url.pathname}${url.search}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(key, value);
  }
  const request = new Request(url, { method: req.method, headers });
  const response = await route(request, url);
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (!key.startsWith("x-middleware-") && key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.setHeader("x-replica", replica.name);
  res.end(req.method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer()));
}

/** The route the app would take for `url`: app/'s route files, and the proxy in front of its pages. */
async function route(request: Request, url: URL): Promise<Response> {
  const slug = (prefix: string) => url.pathname.slice(prefix.length).split("/").map(decodeURIComponent);
  if (url.pathname.startsWith("/api/v1/diff/")) return diffEndpoint(request, DEFAULT_ECOSYSTEM, slug("/api/v1/diff/"), "json");
  if (url.pathname.startsWith("/api/v1/packages/")) return packageEndpoint(request, DEFAULT_ECOSYSTEM, slug("/api/v1/packages/"));
  if (url.pathname.startsWith("/raw/")) return rawEndpoint(request, DEFAULT_ECOSYSTEM);
  if (url.pathname === "/test/set-cookie") {
    return new Response("with a cookie\n", { headers: { "cache-control": IMMUTABLE, "set-cookie": "session=1; Path=/" } });
  }
  if (url.pathname === "/test/error") {
    return new Response("an error\n", { status: Number(url.searchParams.get("status")), headers: { "cache-control": IMMUTABLE } });
  }
  const page = await proxy(new NextRequest(request));
  const rewrite = page.headers.get("x-middleware-rewrite");
  if (rewrite && new URL(rewrite).pathname.startsWith("/patch/")) {
    return diffEndpoint(request, DEFAULT_ECOSYSTEM, new URL(rewrite).pathname.slice("/patch/".length).split("/").map(decodeURIComponent), "patch");
  }
  // Where Next renders the page (or the problem page, with the status the proxy chose).
  const body = page.status >= 300 && page.status < 400 ? null : `<!doctype html><p>${rewrite ? "problem" : "page"} ${url.pathname}</p>\n`;
  const headers = new Headers(page.headers);
  if (body) headers.set("content-type", "text/html; charset=utf-8");
  return new Response(body, { status: page.status, headers });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
