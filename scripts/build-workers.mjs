#!/usr/bin/env node
// Bundles the engine worker (lib/workers/engine-worker.ts) into one ESM file
// that plain Node can start as a worker thread: Next's server bundles cannot
// run a `.ts` worker, and `new Worker(new URL(...))` inside them is unreliable.
// The pool looks for the result at `<cwd>/dist/workers/engine-worker.mjs`.
//
//   node scripts/build-workers.mjs [outDir]
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The worker's TypeScript entry. */
export const WORKER_ENTRY = path.join(root, "lib", "workers", "engine-worker.ts");

/** Where the pool looks for the bundle by default (relative to the project root). */
export const DEFAULT_OUT_DIR = path.join(root, "dist", "workers");

/**
 * Bundles a worker entry (the engine worker unless `entry` says otherwise:
 * the tests bundle lib/workers/test-worker.ts) into `<outDir>/<entry name>.mjs`
 * and returns that path.
 *
 * shiki stays external: it loads its wasm and grammars from its own package
 * folder at run time. So do tar-stream and semver: they are CommonJS, whose
 * `require`s of Node built-ins an ESM bundle cannot do. js-beautify is
 * CommonJS too but is bundled: it requires only its own files, and the
 * pretty-printer reaches into one of them (lib/browse/beautify-scanner.ts),
 * which must be the same module instance its beautifiers use.
 * Node resolves the bare `shiki` import by walking up
 * from the bundle's folder, so `outDir` must be inside the project
 * (`dist/workers/` finds `<root>/node_modules/shiki`).
 *
 * @param {string} [outDir]
 * @param {{ entry?: string }} [options]
 * @returns {Promise<string>}
 */
export async function buildWorkers(outDir = DEFAULT_OUT_DIR, { entry = WORKER_ENTRY } = {}) {
  const outfile = path.join(path.resolve(outDir), `${path.basename(entry, path.extname(entry))}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    external: ["shiki", "tar-stream", "semver"],
    logLevel: "warning",
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outfile = await buildWorkers(process.argv[2] ?? DEFAULT_OUT_DIR);
  console.log(`engine worker bundled: ${path.relative(process.cwd(), outfile)}`);
}
