#!/usr/bin/env node
/**
 * `npm run cluster`: a real pkgdiff cluster on one machine, for trying shared
 * mode as it runs in production (README, "Running as a cluster"):
 *
 *   Varnish (CLUSTER_PORT, 8080) ─► replica 1, replica 2 (scripts/server.mjs, each
 *   with its own CACHE_DIR) ─► one redis-server (shared diffs, locks, budgets, read-only flag)
 *
 * Debian's `redis-server` and `varnishd` (with varnish-modules for xkey) must be
 * installed. Every other setting (REGISTRY_URL, HEX_REPO_URL, limits, …) passes
 * through to the replicas. It builds first when there is no build (as `npm start`
 * does), prints one line per part when it is up, and stops everything on Ctrl-C
 * or SIGTERM; if one part dies, it stops the rest and exits 1.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startVarnishd } from "../deploy/varnish/varnishd.mjs";
import { ConfigError, loadClusterConfig } from "../lib/config.mjs";
import { startRedisServer } from "../lib/testing/redis-server.mjs";
import { ensureBuild } from "./ensure-build.mjs";
import { waitForHttp } from "./wait-for.mjs";

const root = path.resolve(import.meta.dirname, "..");

let cluster;
try {
  cluster = loadClusterConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`npm run cluster: ${error.message}`);
  process.exit(2);
}

ensureBuild(root);

const work = mkdtempSync(path.join(tmpdir(), "pkgdiff-cluster-"));
/** @type {{ name: string, child: import("node:child_process").ChildProcess }[]} */
const parts = [];
/** @type {import("../lib/testing/redis-server.d.mts").RedisServer | undefined} */
let redis;
/** @type {import("../deploy/varnish/varnishd.mjs").Varnishd | undefined} */
let varnish;
let stopping = false;

/**
 * Starts one part with its output prefixed by its name.
 *
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function start(name, command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  /**
   * @param {import("node:stream").Readable} stream
   * @param {NodeJS.WriteStream} out
   */
  const prefix = (stream, out) => {
    let pending = "";
    stream.setEncoding("utf8").on("data", (chunk) => {
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf("\n")) >= 0) {
        out.write(`[${name}] ${pending.slice(0, newline)}\n`);
        pending = pending.slice(newline + 1);
      }
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.once("error", (error) => {
    console.error(`[cluster] ${name} could not start: ${error.message}`);
    void stop(1);
  });
  child.once("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[cluster] ${name} exited (${signal ?? code}); stopping the cluster`);
    void stop(1);
  });
  parts.push({ name, child });
  return child;
}

/**
 * Stops the parts: Varnish first, then the replicas (gracefully), Redis last (nothing in it is kept).
 *
 * @param {number} code the exit code
 */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await varnish?.stop().catch(() => undefined);
  for (const { child } of [...parts].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

try {
  redis = await startRedisServer(cluster.redisPort);
  void redis.exited.then(() => {
    if (stopping) return;
    console.error("[cluster] redis exited; stopping the cluster");
    void stop(1);
  });
  const redisUrl = redis.url;
  console.log(`[cluster] redis on ${redisUrl}`);

  const replicas = cluster.replicaPorts.map((port, i) => {
    const name = `replica-${i + 1}`;
    const cacheDir = path.join(root, ".cache", "cluster", name);
    mkdirSync(cacheDir, { recursive: true });
    start(name, process.execPath, ["scripts/server.mjs"], {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      CACHE_DIR: cacheDir,
      REDIS_URL: redisUrl,
      // The others copy the tarballs this replica fetched from here instead of the registry.
      SHARED_PEER_URL: `http://127.0.0.1:${port}`,
      // Varnish appends the client's address to X-Forwarded-For: without this every visitor would share one miss budget.
      TRUST_PROXY: "1",
    });
    return { name, port };
  });
  await Promise.all(replicas.map(({ port }) => waitForHttp(`http://127.0.0.1:${port}/readyz`, { timeoutMs: 180_000 })));
  for (const { name, port } of replicas) console.log(`[cluster] ${name} on http://127.0.0.1:${port}`);

  // deploy/varnish/default.vcl with these replicas as its backends (deploy/varnish/varnishd.mjs).
  varnish = await startVarnishd({
    replicas: replicas.map(({ port }) => ({ host: "127.0.0.1", port })),
    listen: `127.0.0.1:${cluster.port}`,
    admin: `127.0.0.1:${cluster.adminPort}`,
  });
  await varnish.waitUntilHealthy(30_000);
  console.log(`[cluster] varnish on ${varnish.url} (varnishadm -n ${varnish.workDir}); Ctrl-C stops everything`);
  console.log(`[cluster] try ${varnish.url}/diff/react/18.2.0..18.3.1, then scripts/read-only.mjs on|off and scripts/purge.mjs <name>`);
} catch (error) {
  console.error(`[cluster] ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
