import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { EnginePool } from "./pool";
import path from "node:path";
import { file, joinLines, mutateLines, randomLines, seededRandom, symlink } from "../diff/test-helpers";
import type { FileDiffOptions } from "../diff/file-diff";
import type { EntryPair } from "./worker-tasks";

/** Test fixtures of the worker pool: a freshly built worker bundle and file pairs to diff and render. */

type BuildWorkers = (outDir: string, options?: { test?: boolean }) => Promise<string>;

/** Which worker to bundle: the one that ships, or the test worker (its tasks plus "spin" and "crash"). */
export type WorkerBundle = "engine" | "test";

/**
 * The build script's `buildWorkers`. The script is plain `.mjs` (Node runs
 * it without a TypeScript loader), so it has no types: import it by URL and
 * check the export's shape.
 */
async function importBuildWorkers(): Promise<BuildWorkers> {
  const script = new URL("../../scripts/build-workers.mjs", import.meta.url).href;
  const mod: unknown = await import(/* @vite-ignore */ script);
  if (typeof mod !== "object" || mod === null || !("buildWorkers" in mod) || typeof mod.buildWorkers !== "function") {
    throw new Error("scripts/build-workers.mjs does not export buildWorkers()");
  }
  return mod.buildWorkers as BuildWorkers;
}

/**
 * Builds a worker bundle with the real build script into a fresh folder
 * and returns the bundle's path and a cleanup. The folder is inside the
 * project (under node_modules/.cache), not the OS temp dir: the bundle
 * imports `shiki` by bare name, which Node resolves by walking up from the
 * bundle's folder, as it does from `dist/workers/` in production.
 */
export async function buildWorkerBundle(bundle: WorkerBundle = "engine"): Promise<{ workerPath: string; cleanup: () => void }> {
  const cacheRoot = path.join(process.cwd(), "node_modules", ".cache");
  mkdirSync(cacheRoot, { recursive: true });
  const outDir = mkdtempSync(path.join(cacheRoot, "pkgdiff-workers-"));
  const buildWorkers = await importBuildWorkers();
  const workerPath = await buildWorkers(outDir, { test: bundle === "test" });
  return { workerPath, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** Generous limits: the tests compare results, so no file may hit a budget by chance. */
export const DIFF_OPTIONS: FileDiffOptions = { maxFileBytes: 16 * 1024 * 1024, budgetMs: 60_000 };

/** JavaScript-ish source of `count` lines, the same on every run for a seed. */
export function codeLines(seed: number, count: number): string[] {
  return randomLines(seededRandom(seed), count, "code");
}

/** A JS file edited in `edits` places: old and new sides. */
export function editedPair(filePath: string, seed: number, lines: number, edits: number): Required<EntryPair> {
  const before = codeLines(seed, lines);
  const after = mutateLines(seededRandom(seed + 1), before, edits);
  return { old: file(filePath, joinLines(before)), new: file(filePath, joinLines(after)) };
}

/** One pair of every kind diffFile() distinguishes. */
export function samplePairs(): EntryPair[] {
  const edited = editedPair("lib/index.js", 1, 400, 12);
  const same = file("README.md", "# same\n");
  return [
    edited,
    { new: file("lib/added.ts", "export const added = 1;\n") },
    { old: file("lib/removed.js", "module.exports = 1;\n") },
    { old: same, new: file("README.md", "# same\n") }, // unchanged: null
    { old: file("bin/cli.js", "#!/usr/bin/env node\n"), new: file("bin/cli.js", "#!/usr/bin/env node\n", 0o755) },
    { old: file("img.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), new: file("img.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 3])) },
    { old: symlink("link", "a"), new: symlink("link", "b") },
    { old: file("data.txt", "a\nb\r\nc"), new: file("data.txt", "a\nB\r\nc\n") },
  ];
}

/**
 * A pool of `size` workers on a freshly built bundle for a whole test file:
 * built before its tests, closed (and the bundle removed) after.
 */
export function workerPoolForTests(size: number, bundle: WorkerBundle = "engine"): () => EnginePool {
  let pool: EnginePool | undefined;
  let cleanup = (): void => {};
  beforeAll(async () => {
    const built = await buildWorkerBundle(bundle);
    cleanup = built.cleanup;
    pool = new EnginePool({ workerPath: built.workerPath, size });
  });
  afterAll(async () => {
    await pool?.close();
    cleanup();
  });
  return () => {
    if (!pool) throw new Error("the worker pool has not started");
    return pool;
  };
}
