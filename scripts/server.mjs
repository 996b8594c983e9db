#!/usr/bin/env node
/**
 * The production server (`npm start`, the e2e webServer): Next's request
 * handler (the custom-server API) behind node:http, plus what `next start`
 * lacks for operations:
 *
 * - one JSON line on stdout per request when its response finishes or the
 *   client gives up (`LOG_REQUESTS=0` turns them off), and JSON lines when
 *   the server is ready and when a shutdown starts and ends. Nothing else is
 *   written to stdout by this file; errors go to stderr.
 * - a trusted `x-pkgdiff-client` request header (any the client sent is
 *   dropped): the socket's address, or behind N proxies (`TRUST_PROXY=N`)
 *   the N-th X-Forwarded-For entry from the right.
 * - graceful shutdown on SIGTERM/SIGINT: stop accepting connections, close
 *   idle keep-alive connections, let in-flight requests finish, exit 0; after
 *   `SHUTDOWN_TIMEOUT_MS` (default 10000) close what is left and exit 1.
 *
 * A request line, written when the response has finished (or the client went away):
 *   {"time":"2026-11-26T18:13:28.536Z","event":"request","method":"GET",
 *    "path":"/diff/demo-pkg/1.1.0..1.2.0?view=split","status":200,"durationMs":505.9,
 *    "bytes":7635,"cache":"miss","client":"203.0.113.9","userAgent":"curl/8.5.0","aborted":false}
 * `time` is when the line is written; `bytes` counts the body as sent (compressed
 * when it was); `cache` is the response's `x-pkgdiff-cache` header or null. An
 * aborted request has `"aborted":true`, `status` null when no headers went out,
 * and `bytes` as far as it got. Other lines: `ready`, `shutdown-start`,
 * `shutdown-end` (stdout) and `startup-failed`, `request-failed`,
 * `shutdown-cleanup-failed`, `server-error` (stderr).
 *
 * - a cache of whole immutable responses (`RESPONSE_CACHE_BYTES`, default
 *   256 MiB, 0 turns it off): a canonical page is rendered once and replayed.
 *
 * Environment: `PORT` (default 3000), `HOSTNAME` (default: every interface,
 * as `next start`; Docker exports HOSTNAME as the container's host name, so set
 * HOSTNAME=0.0.0.0 there), `LOG_REQUESTS`, `TRUST_PROXY`, `SHUTDOWN_TIMEOUT_MS`, `RESPONSE_CACHE_BYTES`.
 * Plain ESM for Node 20: it runs without a build step. Run it from the project
 * root (`node scripts/server.mjs`, after `npm run build`): it serves the build in
 * the root's `.next`, and the app resolves CACHE_DIR, the worker bundle and
 * SEARCH_INDEX_FILE against the working directory.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { headerOf, ResponseCache } from "./response-cache.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLIENT_HEADER = "x-pkgdiff-client";
const CACHE_HEADER = "x-pkgdiff-cache";

// A closed stdout (the log reader went away) must not take the server down.
process.stdout.on("error", () => undefined);

// stdout carries only this file's JSON lines. What Next or the app print with
// console.log and friends ("✓ Running next.config.js took 35ms") goes to stderr.
const stderrConsole = new console.Console({ stdout: process.stderr, stderr: process.stderr });
for (const method of ["log", "info", "debug", "dir", "dirxml", "table"]) console[method] = stderrConsole[method];

/** One JSON line: `time` first, then the record's fields. */
function line(record) {
  return `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`;
}

function log(record) {
  process.stdout.write(line(record));
}

function logError(record) {
  process.stderr.write(line({ level: "error", ...record }));
}

/** Writes the last line, then exits once it is flushed. */
function exitWith(code, record) {
  process.exitCode = code;
  process.stdout.write(line(record), () => process.exit(code));
}

function intFromEnv(name, fallback, max = Number.MAX_SAFE_INTEGER) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    logError({ event: "startup-failed", message: `${name} must be an integer from 0 to ${max}, got ${JSON.stringify(raw)}` });
    process.exit(2);
  }
  return value;
}

function flagFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  return !["0", "false", "no", "off"].includes(raw.trim().toLowerCase());
}

const port = intFromEnv("PORT", 3000, 65_535);
const hostname = process.env.HOSTNAME || undefined;
const logRequests = flagFromEnv("LOG_REQUESTS", true);
// How many proxies in front append to X-Forwarded-For (0: none; the socket is the client).
const trustProxy = process.env.TRUST_PROXY === "true" ? 1 : intFromEnv("TRUST_PROXY", 0, 16);
const shutdownTimeoutMs = intFromEnv("SHUTDOWN_TIMEOUT_MS", 10_000);
const responseCacheBytes = intFromEnv("RESPONSE_CACHE_BYTES", 256 * 1024 * 1024);
// Immutable responses replayed without rendering them again (scripts/response-cache.mjs).
const responses = responseCacheBytes > 0 ? new ResponseCache({ maxBytes: responseCacheBytes }) : null;
// Per-request state the app can reach (lib/http/response-scope.ts): `uncacheable` keeps a
// page whose rendering failed after its head went out from being replayed.
const responseScope = new AsyncLocalStorage();
globalThis[Symbol.for("pkgdiff.responseScope")] = responseScope;

// As `next start` does, before Next (and React) are loaded: they read it once.
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME ||= "nodejs";

// ---------------------------------------------------------------- client address

/** `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) → `1.2.3.4`; IPv6 lower-cased. */
function normaliseIp(address) {
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  return mapped ? mapped[1] : lower;
}

/** One X-Forwarded-For element: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]:80`; else null. */
function parseForwardedAddress(token) {
  const value = token.trim().replace(/^"(.*)"$/, "$1");
  if (isIP(value)) return normaliseIp(value);
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed && isIP(bracketed[1]) === 6) return normaliseIp(bracketed[1]);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (withPort && isIP(withPort[1]) === 4) return withPort[1];
  return null;
}

/**
 * The address the rate limiter may trust: the socket's, or with
 * TRUST_PROXY=N the N-th X-Forwarded-For entry from the right — the one the
 * outermost of our N proxies appended. Entries left of it are whatever the
 * client sent, and proxies append rather than overwrite, so they are never
 * believed.
 */
function clientAddress(req) {
  if (trustProxy > 0) {
    const forwarded = req.headers["x-forwarded-for"];
    const hops = typeof forwarded === "string" ? forwarded.split(",") : [];
    const entry = hops.length >= trustProxy ? hops[hops.length - trustProxy] : undefined;
    const address = entry === undefined ? null : parseForwardedAddress(entry);
    if (address) return address;
  }
  const remote = req.socket.remoteAddress;
  return remote ? normaliseIp(remote) : "unknown";
}

/** Replaces every client-sent `x-pkgdiff-client` (raw and parsed headers alike) with ours. */
function setClientHeader(req, client) {
  const raw = req.rawHeaders;
  const kept = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i].toLowerCase() !== CLIENT_HEADER) kept.push(raw[i], raw[i + 1]);
  }
  kept.push(CLIENT_HEADER, client);
  req.rawHeaders = kept;
  delete req.headers[CLIENT_HEADER];
  req.headers[CLIENT_HEADER] = client;
}

// ---------------------------------------------------------------- request log

function chunkBytes(chunk, encoding) {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return 0;
  if (typeof chunk === "string") return Buffer.byteLength(chunk, typeof encoding === "string" ? encoding : "utf8");
  return typeof chunk.byteLength === "number" ? chunk.byteLength : 0;
}

/**
 * Counts the body bytes handed to the connection (after Next's compression,
 * which wraps these same methods later). Headers and chunk framing are not counted.
 */
function countBodyBytes(res) {
  let bytes = 0;
  const write = res.write;
  const end = res.end;
  res.write = function countedWrite(chunk, encoding, callback) {
    bytes += chunkBytes(chunk, encoding);
    return write.call(this, chunk, encoding, callback);
  };
  res.end = function countedEnd(chunk, encoding, callback) {
    bytes += chunkBytes(chunk, encoding);
    return end.call(this, chunk, encoding, callback);
  };
  return () => bytes;
}

function hasNoBody(method, status) {
  return method === "HEAD" || status === 204 || status === 304 || (status >= 100 && status < 200);
}


function roundMs(start) {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

// ---------------------------------------------------------------- server

/** Responses not yet closed. */
const inFlight = new Set();
let shuttingDown = false;
let handle = null;
let appReady;

const server = createServer((req, res) => {
  const start = process.hrtime.bigint();
  const method = req.method;
  const url = req.url;
  const userAgent = req.headers["user-agent"] ?? null;
  const client = clientAddress(req);
  setClientHeader(req, client);

  inFlight.add(res);
  // A request that arrives on a kept-alive connection during shutdown is served, then the connection ends.
  if (shuttingDown) res.setHeader("connection", "close");

  const bodyBytes = countBodyBytes(res);
  let durationMs = null;
  // Next adds many "close" listeners of its own on some paths; ours must not tip it into a leak warning.
  res.setMaxListeners(res.getMaxListeners() + 1);
  res.once("finish", () => {
    durationMs = roundMs(start);
  });
  res.once("close", () => {
    inFlight.delete(res);
    if (logRequests) {
      const aborted = !res.writableFinished;
      const status = res.headersSent ? res.statusCode : null;
      log({
        event: "request",
        method,
        path: url,
        status,
        durationMs: durationMs ?? roundMs(start),
        bytes: status !== null && hasNoBody(method, status) ? 0 : bodyBytes(),
        cache: headerOf(res, CACHE_HEADER) ?? null,
        client,
        userAgent,
        aborted,
      });
    }
    // The finished response's connection is idle now: close it rather than keep it alive.
    if (shuttingDown) setImmediate(() => server.closeIdleConnections());
  });

  if (responses?.serve(req, res)) return;
  const state = { uncacheable: false };
  responses?.capture(req, res, state);
  const run = responseScope.run(state, () => (handle ? handle(req, res) : appReady.then(() => handle(req, res))));
  run.catch((error) => {
    logError({ event: "request-failed", method, path: url, message: String(error?.stack ?? error) });
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end("Internal Server Error\n");
    } else {
      res.destroy();
    }
  });
});

function shutdown(signal) {
  if (shuttingDown) return; // repeated signals (Ctrl+C reaches npm and us) change nothing
  shuttingDown = true;
  const started = process.hrtime.bigint();
  log({ event: "shutdown-start", signal, inFlight: inFlight.size, timeoutMs: shutdownTimeoutMs });
  for (const res of inFlight) {
    if (!res.headersSent) res.setHeader("connection", "close");
  }

  const timer = setTimeout(() => {
    const remaining = inFlight.size;
    server.closeAllConnections();
    exitWith(1, { event: "shutdown-end", signal, inFlight: remaining, forced: true, durationMs: roundMs(started), exitCode: 1 });
  }, shutdownTimeoutMs);

  // Stops listening (new connections are refused) and closes idle connections;
  // the callback runs once every connection has ended.
  server.close(async () => {
    try {
      const app = await appReady?.catch(() => null);
      await app?.close(); // Next's own cleanup (pending after() callbacks)
    } catch (error) {
      logError({ event: "shutdown-cleanup-failed", message: String(error?.stack ?? error) });
    }
    clearTimeout(timer);
    exitWith(0, { event: "shutdown-end", signal, inFlight: inFlight.size, forced: false, durationMs: roundMs(started), exitCode: 0 });
  });
  server.closeIdleConnections();
}

process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

// Listen first (as `next start` does): Next needs the real port (PORT=0 picks one)
// to build the absolute URLs its proxy sees; requests that arrive meanwhile wait.
// HOSTNAME only chooses the interface to listen on.
try {
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
} catch (error) {
  logError({ event: "startup-failed", message: `cannot listen on ${hostname ?? "*"}:${port}: ${error.message}`, code: error.code });
  process.exit(1);
}

server.on("error", (error) => {
  logError({ event: "server-error", message: String(error?.stack ?? error), code: error?.code });
  process.exit(1);
});

const address = server.address();
const actualPort = typeof address === "object" && address ? address.port : port;
process.env.PORT = String(actualPort); // as `next start` does

appReady = (async () => {
  const { default: next } = await import("next");
  // No `hostname`: Next then uses "localhost" for the absolute URLs it builds
  // internally, on every code path alike. Given HOSTNAME=127.0.0.1 (as with
  // `next start -H 127.0.0.1`), proxy.ts's rewrites to /problem come back as
  // http://localhost:<port>/problem, count as external and answer 404.
  const app = next({ dev: false, dir: root, port: actualPort });
  await app.prepare();
  handle = app.getRequestHandler();
  return app;
})();

try {
  await appReady;
} catch (error) {
  logError({ event: "startup-failed", message: String(error?.stack ?? error) });
  process.exit(1);
}

if (!shuttingDown) {
  let nextVersion = null;
  try {
    nextVersion = createRequire(import.meta.url)("next/package.json").version;
  } catch {
    // the version is informative only
  }
  const shownHost = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  log({
    event: "ready",
    url: `http://${isIP(shownHost) === 6 ? `[${shownHost}]` : shownHost}:${actualPort}`,
    address: typeof address === "object" && address ? address.address : null,
    port: actualPort,
    pid: process.pid,
    node: process.version,
    next: nextVersion,
    logRequests,
    trustProxy,
    shutdownTimeoutMs,
    responseCacheBytes,
    startupMs: Math.round(process.uptime() * 1000),
  });
}
