#!/usr/bin/env node
// Bundles the engine worker into one ESM file that plain Node can start as a
// worker thread: Next's server bundles cannot run a `.ts` worker, and
// `new Worker(new URL(...))` inside them is unreliable. The pool looks for
// the result at `<cwd>/dist/workers/engine-worker.mjs`.
//
// The pool (lib/workers) knows no task. Every folder that runs work in it
// lists its tasks in a `worker-tasks.ts` (`export const WORKER_TASKS`): the
// engine's in lib/workers/, browse's pretty-printer, each registry's
// readers in lib/registry/<id>/. The worker's entry is assembled here, one
// level above them all, so no lib folder imports another's tasks.
//
//   node scripts/build-workers.mjs [outDir]
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The test-only tasks ("spin", "crash"), only in the test bundle. */
const TEST_TASKS = path.join(root, "lib", "workers", "test-tasks.ts");

/** Where the pool looks for the bundle by default (relative to the project root). */
export const DEFAULT_OUT_DIR = path.join(root, "dist", "workers");

/**
 * Every `worker-tasks.ts` under lib/, sorted (so the bundle is the same on every build).
 *
 * @returns {string[]} absolute paths
 */
export function workerTaskFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "worker-tasks.ts") found.push(full);
    }
  };
  walk(path.join(root, "lib"));
  return found.sort();
}

/**
 * The worker's entry: serve every WORKER_TASKS (and, for the test bundle, TEST_ONLY_TASKS).
 *
 * @param {boolean} test
 * @returns {string}
 */
function entrySource(test) {
  const lines = [`import { serveTasks } from ${JSON.stringify(path.join(root, "lib", "workers", "serve-tasks.ts"))};`];
  const lists = [];
  workerTaskFiles().forEach((file, i) => {
    lines.push(`import { WORKER_TASKS as tasks${i} } from ${JSON.stringify(file)};`);
    lists.push(`...tasks${i}`);
  });
  if (test) {
    lines.push(`import { TEST_ONLY_TASKS } from ${JSON.stringify(TEST_TASKS)};`);
    lists.push("...TEST_ONLY_TASKS");
  }
  lines.push(`serveTasks([${lists.join(", ")}]);`);
  return lines.join("\n");
}

/**
 * Bundles the engine worker (`<outDir>/engine-worker.mjs`), or with
 * `test: true` the test worker (`<outDir>/test-worker.mjs`: the same tasks
 * plus lib/workers/test-tasks.ts), and returns the bundle's path.
 *
 * shiki stays external: it loads its wasm and grammars from its own package
 * folder at run time. So do tar-stream, semver and sanitize-html (browse's
 * Markdown task; it requires postcss): they are CommonJS, whose
 * `require`s of Node built-ins an ESM bundle cannot do. js-beautify is
 * CommonJS too but is bundled: it requires only its own files, and the
 * pretty-printer reaches into one of them (lib/browse/beautify-scanner.ts),
 * which must be the same module instance its beautifiers use.
 * Node resolves the bare `shiki` import by walking up
 * from the bundle's folder, so `outDir` must be inside the project
 * (`dist/workers/` finds `<root>/node_modules/shiki`).
 *
 * @param {string} [outDir]
 * @param {{ test?: boolean }} [options]
 * @returns {Promise<string>}
 */
export async function buildWorkers(outDir = DEFAULT_OUT_DIR, { test = false } = {}) {
  const outfile = path.join(path.resolve(outDir), test ? "test-worker.mjs" : "engine-worker.mjs");
  await build({
    stdin: { contents: entrySource(test), resolveDir: root, sourcefile: "engine-worker.ts", loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    external: ["shiki", "tar-stream", "semver", "sanitize-html"],
    logLevel: "warning",
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outfile = await buildWorkers(process.argv[2] ?? DEFAULT_OUT_DIR);
  console.log(`engine worker bundled: ${path.relative(process.cwd(), outfile)}`);
}
