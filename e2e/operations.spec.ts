import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type FixtureRegistry, Gate, startFixtureRegistry } from "../fixtures/registry";
import { HOST, ServerProcess, WAIT } from "./support/server-process";

/**
 * scripts/server.mjs as operations see it. These tests start their own server
 * process (on 127.0.0.1, a port of the system's choosing (PORT=0) read from its
 * `ready` line, serving the build the webServer made) with their own fixture
 * registry, read its JSON log lines and signal it; they do not use the browser
 * or the shared server.
 */

/** "connected", or the error code of a plain TCP connect to the port. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

test.describe.configure({ mode: "serial" });

let registry: FixtureRegistry;
let cacheDir: string;

test.beforeAll(async () => {
  registry = await startFixtureRegistry();
  cacheDir = await mkdtemp(path.join(tmpdir(), "pkgdiff-e2e-ops-"));
});

// A test that failed half-way must not leave the registry holding requests for the next one.
test.afterEach(() => registry?.setFault(null));

test.afterAll(async () => {
  await registry?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

test.describe("production server (scripts/server.mjs)", () => {
  let server: ServerProcess;

  test.beforeAll(async () => {
    server = new ServerProcess({ REGISTRY_URL: registry.url, CACHE_DIR: cacheDir });
    await server.ready();
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("writes one JSON log line per request", async () => {
    const reply = await server.get("/healthz?probe=ops", { "user-agent": "pkgdiff-e2e-ops" });
    expect(reply.status).toBe(200);

    const record = await server.requestRecord("/healthz?probe=ops");
    expect(record).toMatchObject({
      event: "request",
      method: "GET",
      path: "/healthz?probe=ops",
      status: 200,
      bytes: Buffer.byteLength(reply.body),
      cache: null,
      client: HOST,
      userAgent: "pkgdiff-e2e-ops",
      aborted: false,
    });
    expect(typeof record.durationMs).toBe("number");
    expect(new Date(String(record.time)).toISOString()).toBe(record.time);
    // One line for this request, and stdout holds JSON lines only.
    expect(server.records.filter((r) => r.event === "request" && r.path === "/healthz?probe=ops")).toHaveLength(1);
    expect(server.otherLines).toEqual([]);
  });

  test("does not trust a client-sent x-pkgdiff-client (nor X-Forwarded-For without TRUST_PROXY)", async () => {
    const reply = await server.get("/healthz?probe=spoof", { "x-pkgdiff-client": "203.0.113.9", "x-forwarded-for": "198.51.100.7" });
    expect(reply.status).toBe(200);
    const record = await server.requestRecord("/healthz?probe=spoof");
    expect(record.client).toBe(HOST);
  });

  test("SIGTERM: the slow request completes, new connections are refused, exit 0", async () => {
    test.slow();
    // The first diff of this pair needs both tarballs; the registry holds them until the test
    // has seen the shutdown begin, so the request is surely in flight through all of it.
    const gate = new Gate();
    registry.setFault({ kind: "hold", gate, only: "tarball" });
    const slowPath = "/api/v1/diff/demo-pkg/1.1.0..1.2.0";
    const port = server.port;
    const slow = server.get(slowPath);
    slow.catch(() => undefined); // awaited below; keeps an early failure from being unhandled

    // The server is waiting on the registry: the request is in flight.
    await gate.arrived();
    server.signal("SIGTERM");

    const start = await server.record((r) => r.event === "shutdown-start");
    expect(start).toMatchObject({ signal: "SIGTERM" });
    expect(start.inFlight).toBeGreaterThanOrEqual(1);

    // The listening socket is closed: a new connection is refused.
    await expect.poll(() => tryConnect(port), WAIT).toBe("ECONNREFUSED");

    // The request that was in flight still gets its whole response.
    gate.open();
    const reply = await slow;
    expect(reply.status).toBe(200);
    const diff = JSON.parse(reply.body) as { files?: unknown[] };
    expect(Array.isArray(diff.files) && diff.files.length > 0).toBe(true);

    expect(await server.exited).toEqual({ code: 0, signal: null });
    const slowRecord = await server.requestRecord(slowPath);
    expect(slowRecord).toMatchObject({ status: 200, aborted: false });
    expect(server.records.indexOf(slowRecord)).toBeGreaterThan(server.records.indexOf(start));
    expect(server.records.at(-1)).toMatchObject({ event: "shutdown-end", forced: false, exitCode: 0, inFlight: 0 });
    expect(server.otherLines).toEqual([]);
  });
});

test.describe("behind a proxy (TRUST_PROXY=1)", () => {
  let server: ServerProcess;

  test.beforeAll(async () => {
    server = new ServerProcess({ REGISTRY_URL: registry.url, CACHE_DIR: cacheDir, TRUST_PROXY: "1" });
    await server.ready();
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("the client is the address our proxy appended to X-Forwarded-For (right-most), never the client's own entries; SIGINT also exits 0", async () => {
    // The client sent "203.0.113.66" itself; our proxy appended the address it saw.
    await server.get("/healthz?probe=proxied", { "x-forwarded-for": "203.0.113.66, 198.51.100.7", "x-pkgdiff-client": "203.0.113.9" });
    await server.get("/healthz?probe=no-xff");
    expect((await server.requestRecord("/healthz?probe=proxied")).client).toBe("198.51.100.7");
    // Without the header the socket's address stands.
    expect((await server.requestRecord("/healthz?probe=no-xff")).client).toBe(HOST);

    server.signal("SIGINT");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.records.at(-1)).toMatchObject({ event: "shutdown-end", signal: "SIGINT", forced: false, exitCode: 0 });
  });
});
