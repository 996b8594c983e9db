// Build first when there is no production build yet (`npm start`, `npm run cluster`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

// The servers' stdout is JSON lines only (scripts/server.mjs): build output goes to stderr.
const BUILD_STDIO = ["inherit", 2, "inherit"];

/**
 * Runs `next build` when `<root>/.next` has no build, and the worker bundle's
 * build when it is missing or the app was just built; exits the process with
 * the build's status when a build fails.
 *
 * @param {string} root the project root
 */
export function ensureBuild(root) {
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
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
}
