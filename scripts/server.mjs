#!/usr/bin/env node
/**
 * The production server (`npm start`, the e2e webServer): Next's request
 * handler (the custom-server API) behind node:http, plus what `next start`
 * lacks for operations:
 *
 * - one JSON line on stdout per request when its response finishes or the
 *   client gives up (`LOG_REQUESTS=0` turns them off), and JSON lines when
 *   the server is ready and when a shutdown starts and ends. Nothing else is
 *   written to stdout; errors go to stderr (and so does Next's console output).
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
 * HOSTNAME=0.0.0.0 there), `LOG_REQUESTS`, `TRUST_PROXY`, `SHUTDOWN_TIMEOUT_MS`,
 * `RESPONSE_CACHE_BYTES`, read by lib/config.mjs like every other variable: the
 * server's own before Next loads, all of them once Next has read its .env files
 * and before `ready`. A bad value is one `startup-failed` line naming the
 * variable, and exit code 2.
 *
 * This file wires the parts in scripts/server/: create-server.mjs (node:http
 * around a handler), client-address.mjs, request-log.mjs, replay.mjs (the
 * response cache in front of the app) and shutdown.mjs.
 *
 * Plain ESM for Node 20: it runs without a build step. Run it from the project
 * root (`node scripts/server.mjs`, after `npm run build`): it serves the build in
 * the root's `.next`, and the app resolves CACHE_DIR, the worker bundle and
 * SEARCH_INDEX_FILE against the working directory.
 */
import { createRequire } from "node:module";
import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config, ConfigError, loadServerConfig } from "../lib/config.mjs";
import { createPkgdiffServer } from "./server/create-server.mjs";
import { describeError, exitWith, log, logError } from "./server/log.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// A closed stdout (the log reader went away) must not take the server down.
process.stdout.on("error", () => undefined);

// stdout carries only the server's JSON lines. What Next or the app print with
// console.log and friends ("✓ Running next.config.js took 35ms") goes to stderr.
const stderrConsole = new console.Console({ stdout: process.stderr, stderr: process.stderr });
for (const method of ["log", "info", "debug", "dir", "dirxml", "table"]) console[method] = stderrConsole[method];

/** A host as it stands in a URL: IPv6 addresses in brackets. */
function urlHost(host) {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** A bad variable (lib/config.mjs) ends the start with exit code 2; anything else is rethrown. */
function exitOnConfigError(error) {
  if (!(error instanceof ConfigError)) throw error;
  logError({ event: "startup-failed", message: error.message, variable: error.variable });
  process.exit(2);
}

// As `next start` does, before Next (and React) are loaded: they read it once.
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME ||= "nodejs";

let settings;
try {
  // The server's own variables, read before Next loads; the rest once Next has read its .env files.
  settings = loadServerConfig();
} catch (error) {
  exitOnConfigError(error);
}
const { port, hostname, logRequests, trustProxy, shutdownTimeoutMs, responseCacheBytes } = settings;

let handle = null;
let appReady;

const { server, shutdown } = createPkgdiffServer({
  // Requests that arrive before Next is ready wait for it.
  handle: (req, res) => (handle ? handle(req, res) : appReady.then(() => handle(req, res))),
  settings,
  log,
  logError,
  exit: exitWith,
  cleanup: async () => {
    const app = await appReady?.catch(() => null);
    await app?.close(); // Next's own cleanup (pending after() callbacks)
  },
});

process.on("SIGTERM", () => shutdown.start("SIGTERM"));
process.on("SIGINT", () => shutdown.start("SIGINT"));

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
  logError({ event: "server-error", message: describeError(error), code: error?.code });
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
  // Every variable validated now (and the registry found), not on the first request;
  // the app's bundles share this one copy (lib/config.mjs keeps it on globalThis).
  config();
  handle = app.getRequestHandler();
  return app;
})();

try {
  await appReady;
} catch (error) {
  if (error instanceof ConfigError) exitOnConfigError(error);
  logError({ event: "startup-failed", message: describeError(error) });
  process.exit(1);
}

if (!shutdown.started) {
  let nextVersion = null;
  try {
    nextVersion = createRequire(import.meta.url)("next/package.json").version;
  } catch {
    // the version is informative only
  }
  const shownHost = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  log({
    event: "ready",
    url: `http://${urlHost(shownHost)}:${actualPort}`,
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

  // Warm up what the first request would pay for (worker threads, the highlighter, the
  // search index: lib/readiness) by asking /readyz to wait for it; until it is done
  // /readyz answers 503, so a load balancer sends traffic only once it is warm.
  const local = typeof address === "object" && address ? address.address : "127.0.0.1";
  const selfHost = local === "0.0.0.0" ? "127.0.0.1" : local === "::" ? "::1" : local;
  const origin = `http://${urlHost(selfHost)}:${actualPort}`;
  // Where the warm-up renders its diff page through this server (lib/readiness/warm-up-token.ts, serverOrigin).
  globalThis[Symbol.for("pkgdiff.serverOrigin")] = origin;
  fetch(`${origin}/readyz?wait=1`, { headers: { "user-agent": "pkgdiff-warm-up" } })
    .then(async (response) => {
      const body = await response.json();
      log({ event: "warm", status: response.status, ms: body.ms, steps: body.steps });
    })
    .catch((error) => logError({ event: "warm-up-failed", message: describeError(error) }));
}
