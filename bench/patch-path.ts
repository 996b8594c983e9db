/**
 * `npm run bench -- patch`: the `.patch` path of a production server
 * (issue 15). Starts the fixture registry and `node scripts/start.mjs` on
 * loopback with a fresh CACHE_DIR, waits for `/readyz`, then:
 *
 * 1. a cold `.patch` of typescript 5.4.5→5.5.2 on BENCH_RUNS fresh servers
 *    (empty caches, the first request after /readyz) against the C pipeline
 *    `curl` + `tar xzf` + `git diff --histogram` over the same tarballs
 *    from the same registry, both fetched with curl (medians). The real
 *    tarballs are fetched once with `npm pack` into bench/.data; without
 *    them that row is skipped;
 * 2. a cold `.patch` of a generated huge package (shaped like next
 *    14.2.3→14.2.5: 170 changed files, a 38 MiB patch) and the cold page of the same diff at
 *    once, with `/healthz` polled meanwhile, and the patch's first byte
 *    against its total;
 * 3. the same huge patch serialized and streamed in this process from a
 *    pool of two workers on the production worker bundle, with Node's
 *    event-loop delay monitor on: how long the patch path itself ever
 *    holds the main thread, without Next, HTTP or the diff computation.
 *
 * Knob: BENCH_PATCH_PORT (3410). Progress to stderr, Markdown to stdout.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { startFixtureRegistry } from "../fixtures/registry";
import type { FixturePackage } from "../fixtures/types";
import { file, tree } from "../lib/diff/test-helpers";
import { patchBody } from "../lib/endpoints/patch-stream";
import { formatBytes } from "../lib/format-bytes";
import { diffPath as routeDiffPath } from "../lib/routes/diff-path";
import { EnginePool, defaultWorkerPath } from "../lib/workers/pool";
import { diffTreesPooled } from "../lib/workers/pooled";
import { type AppServer, ensureProductionBuild, startAppServer, waitForReady } from "./app-server";
import { type FetchTarGitRun, timeFetchTarGit } from "./baselines";
import { realPackage } from "./data";
import { LOAD_SHAPES, type SyntheticPackage, syntheticPackage } from "./load-fixtures";
import { diffPath, positiveInt } from "./load";
import { type BenchPair, pairLabel } from "./pairs";
import { table } from "./report";
import { type ColdPatchRun, HEALTHZ_MAX_TARGET_MS, HEALTHZ_P99_TARGET_MS, coldPatchTable, measureColdPatch } from "./responsiveness";
import { type HttpTiming, medianTiming, timeCurlGet } from "./server";
import { type BenchSettings, readSettings } from "./settings";
import { median, repeat } from "./stats";

/** Issue 15's pair and target: a cold typescript `.patch` within 1.5× the C pipeline. */
const TYPESCRIPT: BenchPair = { name: "typescript", from: "5.4.5", to: "5.5.2" };
const TARGET_VS_C = 1.5;

export interface TypescriptRun {
  pkgdiff: HttpTiming;
  c: FetchTarGitRun;
  runs: number;
}

/** The huge patch streamed in this process: its time and the event loop's delays meanwhile. */
export interface InProcessRun {
  ms: number;
  bytes: number;
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
}

export interface PatchPathResult {
  typescript: TypescriptRun | { error: string };
  huge: ColdPatchRun;
  inProcess: InProcessRun;
  /** The machine's 1-minute load average before and after: the bench shares the 2 cores. */
  load: [number, number];
}

/**
 * The cold typescript `.patch` on `settings.runs` fresh servers (each with
 * empty caches, asked once after /readyz), and the C pipeline as many
 * times; both fetch with curl from the same loopback registry. Medians.
 */
async function measureTypescript(registryUrl: string, start: (cacheDir: string) => Promise<AppServer>, settings: BenchSettings): Promise<TypescriptRun> {
  console.error(`patch: cold ${pairLabel(TYPESCRIPT)} .patch on ${settings.runs} fresh servers, then ${settings.runs} × curl + tar xzf + git diff…`);
  const timings = await repeat(settings.runs, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pkgdiff-patch-ts-"));
    const server = await start(dir);
    try {
      return await timeCurlGet(`${server.url}${routeDiffPath(TYPESCRIPT.name, TYPESCRIPT.from, TYPESCRIPT.to, "patch")}`, settings.httpCapS);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
  const tgz = (version: string) => `${registryUrl}${TYPESCRIPT.name}/-/${TYPESCRIPT.name}-${version}.tgz`;
  const runs = await repeat(settings.runs, () => timeFetchTarGit({ old: tgz(TYPESCRIPT.from), new: tgz(TYPESCRIPT.to) }));
  const c = { curlMs: median(runs.map((r) => r.curlMs)), tarGitMs: median(runs.map((r) => r.tarGitMs)), ms: median(runs.map((r) => r.ms)) };
  return { pkgdiff: medianTiming(timings), c, runs: settings.runs };
}

/** The real typescript tarballs, served by the fixture registry as published; why not when they cannot be had. */
async function typescriptPackage(): Promise<FixturePackage | string> {
  try {
    return await realPackage(TYPESCRIPT);
  } catch (error) {
    return `no typescript tarballs (npm pack failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
}

export async function measurePatchPath(settings: BenchSettings = readSettings()): Promise<PatchPathResult> {
  await ensureProductionBuild();
  console.error("patch: generating the huge fixture package…");
  const huge = syntheticPackage("patch-huge", LOAD_SHAPES.patchHuge);
  const ts = await typescriptPackage();
  const packages = typeof ts === "string" ? [huge.pkg] : [huge.pkg, ts];
  const registry = await startFixtureRegistry({ packages, search: false });
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "pkgdiff-patch-cache-"));
  const port = positiveInt(process.env, "BENCH_PATCH_PORT", 3410);
  const start = async (dir: string) => {
    const started = await startAppServer({ port, env: { REGISTRY_URL: registry.url, CACHE_DIR: dir, LOG_REQUESTS: "0", RATE_LIMIT_MISSES: "0" } });
    await waitForReady(started);
    return started;
  };
  let server: AppServer | undefined;
  try {
    const typescript = typeof ts === "string" ? { error: ts } : await measureTypescript(registry.url, start, settings);
    server = await start(cacheDir);
    const loadBefore = os.loadavg()[0] ?? Number.NaN;

    console.error("patch: cold .patch and cold page of the huge package at once, polling /healthz…");
    const label = `${huge.pkg.name} 1.0.0→2.0.0 (${huge.shape.files.toLocaleString("en")} files, ${formatBytes(huge.unpackedBytes)} per version)`;
    const hugeRun = await measureColdPatch(server.url, diffPath(huge), label, { capS: settings.httpCapS });
    const load: [number, number] = [loadBefore, os.loadavg()[0] ?? Number.NaN];
    await server.stop();
    console.error("patch: the huge patch streamed in this process from two workers, event-loop delay monitored…");
    return { typescript, huge: hugeRun, inProcess: await streamInProcess(huge), load };
  } finally {
    await server?.stop();
    await registry.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

async function bodyLength(body: string | ReadableStream<Uint8Array>): Promise<number> {
  if (typeof body === "string") return Buffer.byteLength(body);
  const reader = body.getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  return bytes;
}

/** patchBody() over the huge package's diff in this process, read to the end while the event loop's delay is sampled. */
async function streamInProcess(huge: SyntheticPackage): Promise<InProcessRun> {
  const side = (i: number) => tree((huge.pkg.versions[i]?.files ?? []).map((f) => file(f.path, f.content as string)));
  const sides = { old: side(0), new: side(1) };
  const pool = new EnginePool({ workerPath: defaultWorkerPath(), size: 2 });
  try {
    const { files } = await diffTreesPooled(pool, sides.old, sides.new, { maxFileBytes: 16 * 1024 * 1024, budgetMs: 5000 });
    const run = async (): Promise<InProcessRun> => {
      const body = patchBody(pool, { files, sides, options: {} });
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const started = performance.now();
      const bytes = await bodyLength(body);
      const ms = performance.now() - started;
      delay.disable();
      return { ms, bytes, delayP50Ms: delay.percentile(50) / 1e6, delayP99Ms: delay.percentile(99) / 1e6, delayMaxMs: delay.max / 1e6 };
    };
    // One unmeasured run first: the workers start and their JIT warms, as in a server after /readyz.
    await run();
    return await run();
  } finally {
    await pool.close();
  }
}

/** Why the section fails: a request that did not answer 200. Targets missed are marked ✗, not failures. */
export function patchPathFailures(r: PatchPathResult): string[] {
  const failures: string[] = [];
  if ("pkgdiff" in r.typescript && r.typescript.pkgdiff.status !== 200) failures.push(`typescript .patch answered ${r.typescript.pkgdiff.status}`);
  if (r.huge.patch.status !== 200) failures.push(`huge .patch answered ${r.huge.patch.status}`);
  if (r.huge.page.status !== 200) failures.push(`huge page answered ${r.huge.page.status}`);
  if (r.huge.again.patch.status !== 200) failures.push(`huge .patch (again) answered ${r.huge.again.patch.status}`);
  return failures;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The section as Markdown. */
export function patchPathReport(r: PatchPathResult): string {
  const parts = [coldPatchTable(r.huge)];
  const h = r.huge.patch;
  parts.push(`The patch's first byte left after ${Math.round((h.firstByteMs / h.totalMs) * 100)}% of its total time (${seconds(h.firstByteMs)} of ${seconds(h.totalMs)}).`);
  const p = r.inProcess;
  parts.push(
    `In process (no Next, no HTTP, diff already computed), the same ${formatBytes(p.bytes)} patch from a pool of two workers took ${Math.round(p.ms)} ms; the event loop's delay (monitorEventLoopDelay, 5 ms resolution) was p50 ${p.delayP50Ms.toFixed(1)}, p99 ${p.delayP99Ms.toFixed(1)}, max ${p.delayMaxMs.toFixed(1)} ms.`,
  );
  const t = r.typescript;
  if ("pkgdiff" in t) {
    const ratio = t.pkgdiff.totalMs / t.c.ms;
    parts.push(
      table(
        ["pair", "pkgdiff cold .patch (first byte)", "curl + tar xzf + git diff --histogram", `ratio (≤ ${TARGET_VS_C}×)`],
        [
          [
            pairLabel(TYPESCRIPT),
            `${seconds(t.pkgdiff.totalMs)} (${seconds(t.pkgdiff.firstByteMs)}), ${formatBytes(t.pkgdiff.bytes)}, median of ${t.runs}`,
            `${seconds(t.c.ms)} (curl ${seconds(t.c.curlMs)} + ${seconds(t.c.tarGitMs)}), median of ${t.runs}`,
            `${ratio.toFixed(2)}× ${ratio <= TARGET_VS_C ? "✓" : "✗"}`,
          ],
        ],
      ),
    );
  } else {
    parts.push(`typescript row skipped: ${t.error}`);
  }
  parts.push(
    `Targets: /healthz p99 < ${HEALTHZ_P99_TARGET_MS} ms and worst < ${HEALTHZ_MAX_TARGET_MS} ms; the cold typescript .patch within ${TARGET_VS_C}× the C pipeline. Both sides fetch with curl from the same loopback fixture registry; each pkgdiff run is one request on a fresh server (empty caches) after /readyz. Load average ${r.load.map((l) => l.toFixed(1)).join(" before, ")} after.`,
  );
  return parts.join("\n\n");
}

/** Measures, prints the Markdown (and any failure) and says whether the section passed. */
export async function runPatchSection(): Promise<boolean> {
  const result = await measurePatchPath();
  const failures = patchPathFailures(result);
  process.stdout.write(`\n### The .patch path (cold, fresh server)\n\n${patchPathReport(result)}\n`);
  for (const failure of failures) {
    process.stdout.write(`\n✗ patch: ${failure}\n`);
    console.error(`✗ patch: ${failure}`);
  }
  return failures.length === 0;
}
