#!/usr/bin/env node
// `npm start`: build first when there is no production build yet, then serve it
// with scripts/server.mjs (configured as lib/config.mjs reads it: PORT, HOSTNAME, LOG_REQUESTS, …).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

// The server's stdout is JSON lines only (scripts/server.mjs): build output goes to stderr.
const BUILD_STDIO = ["inherit", 2, "inherit"];

let builtNow = false;
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("No production build yet: running `next build` first (about a minute)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: BUILD_STDIO });
  if (build.status !== 0) process.exit(build.status ?? 1);
  builtNow = true;
}

// The engine's worker-thread bundle (diff and highlighting off the event loop).
const workerBundle = path.join(root, "dist", "workers", "engine-worker.mjs");
if (builtNow || !existsSync(workerBundle)) {
  const workers = spawnSync(process.execPath, [path.join(root, "scripts", "build-workers.mjs")], { cwd: root, stdio: BUILD_STDIO });
  if (workers.status !== 0) process.exit(workers.status ?? 1);
}

// The production server (scripts/server.mjs) runs in this process: SIGTERM and
// SIGINT reach its graceful shutdown directly, with no child to forward them to.
// From the project root, as `next start` ran before: CACHE_DIR, the worker bundle
// and SEARCH_INDEX_FILE resolve against the working directory.
process.chdir(root);
await import("./server.mjs");
