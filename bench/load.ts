/**
 * `npm run bench -- load` (or `npm run bench:load`): load figures for a
 * production server (issue 7, item 7). Starts the fixture registry and
 * `node scripts/start.mjs` on loopback with a fresh CACHE_DIR, then with
 * autocannon (127.0.0.1 only, bounded in time and count):
 *
 * 1. req/s, p50, p99 of `/healthz` (the server's floor), a static file, a
 *    cached diff page and its `.patch`;
 * 2. the same cached page while one huge uncached diff computes;
 * 3. N concurrent identical requests for one uncached diff, as JSON (the
 *    diff computation) and as the page (computation and rendering): the
 *    fixture registry must see each tarball requested once, and the
 *    server's CPU must be that of one computation; the section fails (exit
 *    code 1, "✗ load: ...") otherwise.
 *
 * Progress goes to stderr, the Markdown to stdout. Knobs: BENCH_LOAD_PORT
 * (3400), BENCH_LOAD_CONNECTIONS (10), BENCH_LOAD_DURATION_S (10),
 * BENCH_LOAD_BURST (20).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { type FixtureRegistry, startFixtureRegistry } from "../fixtures/registry";
import { APP_ROOT, type AppServer, ensureProductionBuild, startAppServer } from "./app-server";
import { LOAD_SHAPES, type SyntheticPackage, type SyntheticShape, syntheticPackage } from "./load-fixtures";
import { formatBytes } from "../lib/format-bytes";
import { table } from "./report";

export interface LoadSettings {
  port: number;
  connections: number;
  durationS: number;
  burst: number;
}

export function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

export function readLoadSettings(env: NodeJS.ProcessEnv = process.env): LoadSettings {
  return {
    port: positiveInt(env, "BENCH_LOAD_PORT", 3400),
    connections: positiveInt(env, "BENCH_LOAD_CONNECTIONS", 10),
    durationS: positiveInt(env, "BENCH_LOAD_DURATION_S", 10),
    burst: positiveInt(env, "BENCH_LOAD_BURST", 20),
  };
}

/** Warm-up before each measured run (not reported): JIT, connection setup, caches. */
export const WARMUP_S = 2;
/** The baselines are flat; half the time is enough for them. */
const BASELINE_SHARE = 0.5;
/** Longest wait for the huge diff, and for any one request under load. */
const HUGE_CAP_S = 90;
const REQUEST_TIMEOUT_S = 30;
/** Browsers ask for compressed pages; so does the load. */
export const HEADERS = { "accept-encoding": "gzip" };

export interface LoadRow {
  label: string;
  path: string;
  /** Uncompressed body size, from one GET before the run. */
  bytes: number;
  durationS: number;
  requests: number;
  reqPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  /** The machine's 1-minute load average when the run ended: the bench shares the machine. */
  load1: number;
  /** CPU (ms) of the clocks `measureRow` was given, over the measured run. */
  cpuMs?: Record<string, number>;
}

export interface HugeRun {
  label: string;
  path: string;
  files: number;
  unpackedBytes: number;
  tarballBytes: number;
  changedLines: number;
  status: number;
  ms: number;
  pageBytes: number;
}

export interface BurstRun {
  /** What was requested `n` times at once. */
  path: string;
  n: number;
  statuses: number[];
  firstMs: number;
  lastMs: number;
  /** Tarball paths the registry was asked for during the burst, with counts. */
  tarballRequests: Map<string, number>;
  packumentRequests: number;
  /** Server CPU of the whole burst. */
  burstCpuMs: number;
  /** Server CPU of the same request, uncached, alone (for a same-size twin package). */
  soloCpuMs: number;
  /** Server CPU per request of n such requests at once once cached. */
  hitCpuMs: number;
  /**
   * Computations the burst did: (burst CPU − n cached requests at once) ÷
   * (one uncached request alone − one cached): ≈ 1 when the n shared the work.
   */
  work: number;
}

export interface LoadResult {
  settings: LoadSettings;
  loadBefore: number[];
  loadAfter: number[];
  healthz: LoadRow;
  staticFile: LoadRow;
  page: LoadRow;
  patch: LoadRow;
  pageUnderHuge: LoadRow;
  huge: HugeRun;
  /** The JSON API (the diff computation alone) and the diff page (computation and rendering). */
  bursts: BurstRun[];
  /** Tarballs the registry served more than once over the whole run (never expected). */
  refetched: [string, number][];
  ms: number;
}

/** One autocannon run against a loopback URL; `stopWhen` ends it early. */
function cannon(url: string, connections: number, durationS: number, stopWhen?: Promise<unknown>): Promise<autocannon.Result> {
  if (new URL(url).hostname !== "127.0.0.1") throw new Error(`load runs on loopback only, not ${url}`);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: durationS,
        // Bounded in count too: no more than 2,000 req/s per connection could ever be asked for.
        maxOverallRequests: connections * durationS * 2_000,
        timeout: REQUEST_TIMEOUT_S,
        headers: HEADERS,
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    // Either way: a failed `stopWhen` is reported by whoever awaits it, not here.
    const stop = () => instance.stop();
    stopWhen?.then(stop, stop);
  });
}

export async function bodyBytes(url: string, headers: Record<string, string> = { "accept-encoding": "identity" }): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(HUGE_CAP_S * 1000) });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { status: response.status, bytes, ms: performance.now() - started };
}

/**
 * One row: a probe for the body size, a warm-up, then the measured run;
 * `cpu` names CPU clocks (ms) to read around the measured run only.
 */
export async function measureRow(
  server: Pick<AppServer, "url">,
  label: string,
  urlPath: string,
  settings: Pick<LoadSettings, "connections">,
  durationS: number,
  cpu: Record<string, () => number> = {},
): Promise<LoadRow> {
  const url = `${server.url}${urlPath}`;
  const probe = await bodyBytes(url);
  if (probe.status !== 200) throw new Error(`${urlPath} answered ${probe.status}`);
  console.error(`load: ${label}: ${WARMUP_S} s warm-up, ${durationS} s at ${settings.connections} connections…`);
  await cannon(url, settings.connections, WARMUP_S);
  const before = Object.entries(cpu).map(([name, read]) => [name, read()] as const);
  const row = toRow(label, urlPath, probe.bytes, await cannon(url, settings.connections, durationS));
  row.cpuMs = Object.fromEntries(before.map(([name, start]) => [name, cpu[name]!() - start]));
  return row;
}

function toRow(label: string, urlPath: string, bytes: number, r: autocannon.Result): LoadRow {
  const requests = r["1xx"] + r["2xx"] + r["3xx"] + r["4xx"] + r["5xx"];
  return {
    label,
    path: urlPath,
    bytes,
    durationS: r.duration,
    requests,
    reqPerS: r.duration > 0 ? requests / r.duration : Number.NaN,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    load1: os.loadavg()[0] ?? Number.NaN,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Server CPU spent on `work`, read once the server has settled (background work after the response counts). */
async function cpuOf(server: AppServer, work: () => Promise<unknown>): Promise<number> {
  await sleep(300);
  const before = server.cpuMs();
  await work();
  await sleep(500);
  return server.cpuMs() - before;
}

export function diffPath(p: SyntheticPackage): string {
  return `/diff/${p.pkg.name}/1.0.0..2.0.0`;
}

function tarballCounts(requests: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    if (!/\.tgz(\?|$)/.test(request)) continue;
    counts.set(request, (counts.get(request) ?? 0) + 1);
  }
  return counts;
}

async function measureHugeUnderLoad(
  server: AppServer,
  huge: SyntheticPackage,
  pagePath: string,
  pageBytes: number,
  settings: LoadSettings,
): Promise<{ row: LoadRow; run: HugeRun }> {
  const hugePath = diffPath(huge);
  console.error(`load: cached page at ${settings.connections} connections while ${hugePath} computes uncached…`);
  const started = performance.now();
  const hugeRequest = bodyBytes(`${server.url}${hugePath}`, HEADERS).then((r) => ({ ...r, ms: performance.now() - started }));
  // A moment for the request to reach the server; the window then covers fetch, unpack, diff and render.
  await sleep(100);
  const result = await cannon(`${server.url}${pagePath}`, settings.connections, settings.durationS, hugeRequest);
  const done = await hugeRequest;
  const api = await fetch(`${server.url}/api/v1${hugePath}`);
  const json = (await api.json()) as { totals?: { additions?: number; deletions?: number; files?: number } };
  return {
    row: toRow("cached diff page, huge diff in flight", pagePath, pageBytes, result),
    run: {
      label: `${huge.pkg.name} 1.0.0→2.0.0`,
      path: hugePath,
      files: huge.shape.files,
      unpackedBytes: huge.unpackedBytes,
      tarballBytes: Number.NaN, // filled in once the registry's requests are counted
      changedLines: (json.totals?.additions ?? 0) + (json.totals?.deletions ?? 0),
      status: done.status,
      ms: done.ms,
      pageBytes: done.bytes,
    },
  };
}

/** Compressed size of both of `p`'s tarballs, from the registry's Content-Length. */
async function tarballBytes(registry: FixtureRegistry, p: SyntheticPackage): Promise<number> {
  let sum = 0;
  for (const version of ["1.0.0", "2.0.0"]) {
    const response = await fetch(`${registry.url}${p.pkg.name}/-/${p.pkg.name}-${version}.tgz`, { method: "HEAD" });
    sum += Number(response.headers.get("content-length") ?? Number.NaN);
  }
  return sum;
}

/**
 * `n` concurrent identical requests for `route(burst)`, uncached: the
 * registry's requests during it, and the server CPU it took against that
 * of one such request alone and of a cached one (on `solo`, a twin package
 * of the same content under another name, so it is uncached too).
 */
async function measureBurst(
  server: AppServer,
  registry: FixtureRegistry,
  route: (p: SyntheticPackage) => string,
  twins: { warm: SyntheticPackage; solo: SyntheticPackage; burst: SyntheticPackage },
  n: number,
): Promise<BurstRun> {
  // One unmeasured computation of the same shape first: the first one in a process pays JIT warm-up.
  await bodyBytes(`${server.url}${route(twins.warm)}`, HEADERS);
  const soloUrl = `${server.url}${route(twins.solo)}`;
  const burstPath = route(twins.burst);
  console.error(`load: CPU of one uncached ${route(twins.solo)}, then ${n} concurrent requests for ${burstPath}…`);
  const soloCpuMs = await cpuOf(server, () => bodyBytes(soloUrl, HEADERS));
  // The same n at once once cached: what serving n responses costs without any computing.
  const hitsCpuMs = await cpuOf(server, () => Promise.all(Array.from({ length: n }, () => bodyBytes(soloUrl, HEADERS))));

  const mark = registry.requests.length;
  const finished: number[] = [];
  const statuses: number[] = [];
  const burstCpuMs = await cpuOf(server, async () => {
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: n }, async () => {
        const r = await bodyBytes(`${server.url}${burstPath}`, HEADERS);
        finished.push(performance.now() - started);
        return r.status;
      }),
    );
    statuses.push(...responses);
  });
  const during = registry.requests.slice(mark);
  const packumentPath = `/${twins.burst.pkg.name}`;
  return {
    path: burstPath,
    n,
    statuses,
    firstMs: Math.min(...finished),
    lastMs: Math.max(...finished),
    tarballRequests: tarballCounts(during),
    packumentRequests: during.filter((p) => p === packumentPath || p.startsWith(`${packumentPath}?`)).length,
    burstCpuMs,
    soloCpuMs,
    hitCpuMs: hitsCpuMs / n,
    // n shared: one computation plus n cached responses; the computation is the solo less one response.
    work: (burstCpuMs - hitsCpuMs) / (soloCpuMs - hitsCpuMs / n),
  };
}

/** Runs the whole load section against a server it starts and stops. */
export async function measureLoad(settings: LoadSettings = readLoadSettings()): Promise<LoadResult> {
  const began = performance.now();
  await ensureProductionBuild();
  console.error("load: generating fixture packages…");
  const medium = syntheticPackage("load-medium", LOAD_SHAPES.medium);
  const huge = syntheticPackage("load-huge", LOAD_SHAPES.huge);
  // The same content under three names: a warm-up, one measured alone and one in the burst.
  const triplets = (prefix: string, shape: SyntheticShape) => ({
    warm: syntheticPackage(`${prefix}-warm`, shape),
    solo: syntheticPackage(`${prefix}-solo`, shape),
    burst: syntheticPackage(`${prefix}-burst`, shape),
  });
  const apiTwins = triplets("load-api", LOAD_SHAPES.apiBurst);
  const pageTwins = triplets("load-page", LOAD_SHAPES.pageBurst);
  const packages = [medium, huge, ...Object.values(apiTwins), ...Object.values(pageTwins)].map((p) => p.pkg);
  const registry = await startFixtureRegistry({ packages, search: false });
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "pkgdiff-load-cache-"));
  let server: AppServer | undefined;
  try {
    server = await startAppServer({
      port: settings.port,
      env: {
        REGISTRY_URL: registry.url,
        CACHE_DIR: cacheDir,
        LOG_REQUESTS: "0",
        RATE_LIMIT_MISSES: "0",
        // The burst queues one computation per distinct diff, but let no admission limit shape the figures.
        MAX_QUEUED_DIFFS: "1000",
        SEARCH_INDEX_FILE: path.join(APP_ROOT, "fixtures", "search-index.txt"),
      },
    });
    const loadBefore = os.loadavg();
    const base = Math.max(1, Math.round(settings.durationS * BASELINE_SHARE));
    const pagePath = diffPath(medium);
    // Computes the medium diff once: from here on it is cached.
    const warm = await bodyBytes(`${server.url}${pagePath}`);
    if (warm.status !== 200) throw new Error(`${pagePath} answered ${warm.status}`);

    const healthz = await measureRow(server, "`/healthz` (floor)", "/healthz", settings, base);
    const staticFile = await measureRow(server, "`/robots.txt` (static file)", "/robots.txt", settings, base);
    const patch = await measureRow(server, "its `.patch`", `${pagePath}.patch`, settings, settings.durationS);
    // The bursts before the huge diff, whose garbage would blur their CPU figures.
    const bursts = [
      await measureBurst(server, registry, (p) => `/api/v1${diffPath(p)}`, apiTwins, settings.burst),
      await measureBurst(server, registry, diffPath, pageTwins, settings.burst),
    ];
    // The page quiet, then at once with the huge diff in flight: adjacent, so other load on the machine hits both alike.
    const page = await measureRow(server, "cached diff page", pagePath, settings, settings.durationS);
    const { row: pageUnderHuge, run: hugeRun } = await measureHugeUnderLoad(server, huge, pagePath, page.bytes, settings);

    const all = tarballCounts(registry.requests);
    // Sizes last, so these requests are not counted above.
    hugeRun.tarballBytes = await tarballBytes(registry, huge);
    return {
      settings,
      loadBefore,
      loadAfter: os.loadavg(),
      healthz,
      staticFile,
      page,
      patch,
      pageUnderHuge,
      huge: hugeRun,
      bursts,
      refetched: [...all].filter(([, count]) => count > 1),
      ms: performance.now() - began,
    };
  } finally {
    await server?.stop();
    await registry.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/** Why the section fails, if it does: a request shared badly, or load figures that are not of 200s. */
export function loadFailures(r: LoadResult): string[] {
  const failures: string[] = [];
  for (const b of r.bursts) {
    const tarballs = sum(b.tarballRequests.values());
    if (!sharedFetches(b)) failures.push(`${b.n} concurrent requests for ${b.path} made ${tarballs} tarball requests (expected 2, one per tarball)`);
    if (b.work >= MAX_WORK) {
      failures.push(`${b.n} concurrent requests for ${b.path} cost the server the CPU of ≈ ${b.work.toFixed(1)} computations (expected 1, shared)`);
    }
    if (b.statuses.some((status) => status !== 200)) failures.push(`${b.path}: statuses ${summarizeStatuses(b.statuses)}`);
  }
  for (const row of [r.healthz, r.staticFile, r.page, r.patch, r.pageUnderHuge]) {
    if (row.non2xx > 0 || row.errors > 0) failures.push(`${row.label}: ${row.non2xx} non-2xx, ${row.errors} errors`);
  }
  if (r.huge.status !== 200) failures.push(`huge diff answered ${r.huge.status}`);
  for (const [tarball, count] of r.refetched) failures.push(`${tarball} fetched ${count} times`);
  return failures;
}

/** From here a burst did the work more than once (shared: ≈ 1; done twice: ≈ 2); noise stays well below. */
const MAX_WORK = 2;

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Exactly one request per tarball (two in all) at the registry. */
function sharedFetches(b: BurstRun): boolean {
  return b.tarballRequests.size === 2 && [...b.tarballRequests.values()].every((count) => count === 1);
}

/** Milliseconds as the tables show them: one decimal under 10. */
export const ms = (value: number) => (value < 10 ? value.toFixed(1) : String(Math.round(value)));
const secondsText = (value: number) => (value / 1000).toFixed(2);
const loadText = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");

/** The load section as Markdown. */
export function loadReport(r: LoadResult): string {
  const s = r.settings;
  const floor = r.healthz.reqPerS;
  const row = (x: LoadRow) => [
    x.label,
    formatBytes(x.bytes),
    `${Math.round(x.durationS)} s`,
    x.reqPerS.toFixed(x.reqPerS < 100 ? 1 : 0),
    ms(x.p50Ms),
    ms(x.p99Ms),
    `${(x.reqPerS / floor).toFixed(3)}×`,
    x.non2xx + x.errors === 0 ? "0 ✓" : `${x.non2xx} / ${x.errors} ✗`,
    x.load1.toFixed(1),
  ];
  const h = r.huge;
  const lines = [
    `Load (\`npm run bench -- load\`): \`node scripts/start.mjs\` (production build) on 127.0.0.1:${s.port} against the fixture registry, fresh CACHE_DIR; autocannon on loopback, ${s.connections} connections, ${WARMUP_S} s warm-up per row; \`accept-encoding: gzip\`. Load average ${loadText(r.loadBefore)} before, ${loadText(r.loadAfter)} after; section ${secondsText(r.ms)} s.`,
    "",
    table(
      ["target", "body", "for", "req/s", "p50 ms", "p99 ms", "req/s ÷ /healthz", "non-2xx / errors", "load avg"],
      [r.healthz, r.staticFile, r.page, r.patch, r.pageUnderHuge].map(row),
    ),
    "",
    `- cached diff page: \`${r.page.path}\` (${LOAD_SHAPES.medium.files} files); last row: the same page while \`${h.path}\` computed uncached — p50 ×${(r.pageUnderHuge.p50Ms / r.page.p50Ms).toFixed(1)}, p99 ×${(r.pageUnderHuge.p99Ms / r.page.p99Ms).toFixed(1)} of the quiet figures.`,
    `- huge diff: ${h.label}, ${h.files.toLocaleString("en")} files, ${formatBytes(h.unpackedBytes)} unpacked per version, ${formatBytes(h.tarballBytes)} of tarballs, ${h.changedLines.toLocaleString("en")} changed lines: ${h.status} in ${secondsText(h.ms)} s uncached under that load (page ${formatBytes(h.pageBytes)}).`,
    "",
    table(
      [`${s.burst} identical requests at once, uncached`, "tarball requests (2)", "packuments", "statuses", "first / last done s", "server CPU s", "one alone / cached", "computations (≈ 1)"],
      r.bursts.map((b) => [
        `\`${b.path}\``,
        `${sum(b.tarballRequests.values())} ${sharedFetches(b) ? "✓" : "✗"}`,
        String(b.packumentRequests),
        summarizeStatuses(b.statuses),
        `${secondsText(b.firstMs)} / ${secondsText(b.lastMs)}`,
        secondsText(b.burstCpuMs),
        `${secondsText(b.soloCpuMs)} s / ${ms(b.hitCpuMs)} ms`,
        `${b.work.toFixed(2)} ${b.work < MAX_WORK ? "✓" : "✗"}`,
      ]),
    ),
    "",
    `computations = (burst CPU − CPU of the same ${s.burst} requests at once, cached) ÷ (one uncached request alone, on a twin package of the same content − one cached); server CPU is user + system of the server's processes (worker threads included), from /proc.`,
  ];
  return lines.join("\n");
}

function summarizeStatuses(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} × ${status}`).join(", ");
}

/** Measures, prints the Markdown (and any failure) and says whether the section passed. */
export async function runLoadSection(settings: LoadSettings = readLoadSettings()): Promise<boolean> {
  const result = await measureLoad(settings);
  const failures = loadFailures(result);
  process.stdout.write(`\n### Load\n\n${loadReport(result)}\n`);
  for (const failure of failures) {
    process.stdout.write(`\n✗ load: ${failure}\n`);
    console.error(`✗ load: ${failure}`);
  }
  return failures.length === 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runLoadSection().then(
    (ok) => {
      process.exitCode = ok ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    },
  );
}
