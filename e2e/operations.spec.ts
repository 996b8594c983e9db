import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { type FixtureRegistry, Gate, startFixtureRegistry } from "../fixtures/registry";

/**
 * scripts/server.mjs as operations see it. These tests start their own server
 * process (on 127.0.0.1, a port of the system's choosing (PORT=0) read from its
 * `ready` line, serving the build the webServer made) with their own fixture
 * registry, read its JSON log lines and signal it; they do not use the browser
 * or the shared server.
 */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
/** Generous: the machine may be busy with the other e2e workers. */
const WAIT = { timeout: 30_000 };

type LogRecord = Record<string, unknown> & { event?: string };

/** A `node scripts/server.mjs` child: its stdout parsed as JSON lines, stderr kept for failure messages. */
class ServerProcess {
  readonly records: LogRecord[] = [];
  /** stdout lines that are not JSON objects (there should be none). */
  readonly otherLines: string[] = [];
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["scripts/server.mjs"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: "0",
        HOSTNAME: HOST,
        SEARCH_INDEX_FILE: "fixtures/search-index.txt",
        LOG_REQUESTS: "1",
        TRUST_PROXY: "0",
        SHUTDOWN_TIMEOUT_MS: "30000",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
    let pending = "";
    this.child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        try {
          const record: unknown = JSON.parse(line);
          if (record && typeof record === "object" && !Array.isArray(record)) this.records.push(record as LogRecord);
          else this.otherLines.push(line);
        } catch {
          this.otherLines.push(line);
        }
      }
    });
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
    });
  }

  /** The port it listens on, from its `ready` line. */
  get port(): number {
    const ready = this.records.find((r) => r.event === "ready");
    if (typeof ready?.port !== "number") throw new Error("the server is not ready");
    return ready.port;
  }

  /** A GET on its own connection (no keep-alive pool), so every request is a new connection. */
  get(pathWithQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
    return get(this.port, pathWithQuery, headers);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  async ready(): Promise<void> {
    await expect
      .poll(() => {
        if (!this.running) throw new Error(`server exited before it was ready; stderr:\n${this.stderr}`);
        return this.records.some((r) => r.event === "ready");
      }, WAIT)
      .toBe(true);
  }

  /** The first log record that matches, once it is there. */
  async record(match: (record: LogRecord) => boolean): Promise<LogRecord> {
    await expect.poll(() => this.records.some(match), WAIT).toBe(true);
    return this.records.find(match)!;
  }

  requestRecord(pathWithQuery: string): Promise<LogRecord> {
    return this.record((r) => r.event === "request" && r.path === pathWithQuery);
  }

  /** Ends it however it is, for the after hooks (our own child, by its handle). */
  async stop(): Promise<void> {
    if (this.running) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(port: number, pathWithQuery: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`http://${HOST}:${port}${pathWithQuery}`, { agent: false, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

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
