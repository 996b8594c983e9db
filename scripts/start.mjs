#!/usr/bin/env node
// `npm start`: build first when there is no production build yet, then serve it.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

let builtNow = false;
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("No production build yet: running `next build` first (about a minute)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  builtNow = true;
}

// The engine's worker-thread bundle (diff and highlighting off the event loop).
const workerBundle = path.join(root, "dist", "workers", "engine-worker.mjs");
if (builtNow || !existsSync(workerBundle)) {
  const workers = spawnSync(process.execPath, [path.join(root, "scripts", "build-workers.mjs")], { cwd: root, stdio: "inherit" });
  if (workers.status !== 0) process.exit(workers.status ?? 1);
}

const server = spawn(process.execPath, [nextBin, "start", "-p", process.env.PORT || "3000"], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
