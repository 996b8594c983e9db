/**
 * `npm run bench -- cluster`: figures of shared mode and the Varnish tier
 * (issue 14, item 6), offline and on loopback only. It starts the fixture
 * registry (generated packages), one `redis-server`, app replicas (`node
 * scripts/start.mjs`, production build, each with a fresh CACHE_DIR) and
 * `varnishd` with the repo's VCL, all on free loopback ports, and stops
 * every one of them when it is done (or fails). Then:
 *
 * 1. req/s, p50, p99 of one cached diff page through Varnish and from one
 *    replica directly (autocannon, adjacent runs);
 * 2. uncached diffs per second (the JSON API: the computation without
 *    rendering) with one replica and with two, both in shared mode on the
 *    same Redis, the requests dealt round-robin by the bench, with a bounded
 *    number in flight; and the replicas' CPU per diff;
 * 3. the latency of the same cold diff (same content, a distinct name each
 *    time) on a replica with REDIS_URL and on one without, alternately:
 *    shared mode's own cost (the Redis round trips).
 *
 * Knobs: BENCH_CLUSTER_CONNECTIONS (10), BENCH_CLUSTER_DURATION_S (10),
 * BENCH_CLUSTER_DIFFS (24 per run), BENCH_CLUSTER_CONCURRENCY (8),
 * BENCH_CLUSTER_COLD_RUNS (15). Progress to stderr, Markdown to stdout.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { type Varnishd, startVarnishd } from "../deploy/varnish/varnishd.mjs";
import { type FixtureRegistry, startFixtureRegistry } from "../fixtures/registry";
import { formatBytes } from "../lib/format-bytes";
import { type RedisServer, freePort, startRedisServer } from "../lib/testing/redis-server.mjs";
import { type AppServer, ensureProductionBuild, startAppServer, treeCpuMs } from "./app-server";
import { LOAD_SHAPES, type SyntheticPackage, type SyntheticShape, syntheticPackage } from "./load-fixtures";
import { HEADERS, type LoadRow, WARMUP_S, bodyBytes, diffPath, measureRow, ms, positiveInt } from "./load";
import { table } from "./report";
import { median } from "./stats";

export interface ClusterSettings {
  connections: number;
  durationS: number;
  /** Uncached diffs per throughput run. */
  diffs: number;
  /** Of those, how many in flight at once. */
  concurrency: number;
  /** Cold diffs timed on each of the two replicas (with and without Redis). */
  coldRuns: number;
}

export function readClusterSettings(env: NodeJS.ProcessEnv = process.env): ClusterSettings {
  return {
    connections: positiveInt(env, "BENCH_CLUSTER_CONNECTIONS", 10),
    durationS: positiveInt(env, "BENCH_CLUSTER_DURATION_S", 10),
    diffs: positiveInt(env, "BENCH_CLUSTER_DIFFS", 24),
    concurrency: positiveInt(env, "BENCH_CLUSTER_CONCURRENCY", 8),
    coldRuns: positiveInt(env, "BENCH_CLUSTER_COLD_RUNS", 15),
  };
}

/** Issue 14's target for shared mode's own cost on a cold diff. */
const SHARED_COST_TARGET_MS = 5;
/** Unmeasured cold diffs per replica first: the first computations of a process pay JIT warm-up. */
const COLD_WARMUPS = 3;

/** Uncached diffs computed by `replicas` (round-robin), `concurrency` at a time. */
export interface ThroughputRun {
  replicas: number;
  diffs: number;
  wallMs: number;
  perS: number;
  p50Ms: number;
  maxMs: number;
  /** User + system CPU of every replica's processes during the run, per diff. */
  cpuMsPerDiff: number;
  statuses: number[];
}

export interface ColdRun {
  runs: number;
  sharedMs: number[];
  localMs: number[];
  statuses: number[];
}

export interface ClusterResult {
  settings: ClusterSettings;
  cores: number;
  direct: LoadRow;
  varnish: LoadRow;
  /** Varnish's own counters over its autocannon runs (warm-up included). */
  varnishHits: number;
  varnishMisses: number;
  one: ThroughputRun;
  two: ThroughputRun;
  cold: ColdRun;
  load: [number, number];
  ms: number;
}

/** What every replica gets: the fixture registry, no request log, no miss budget or queue shaping the figures. */
function replicaEnv(registry: FixtureRegistry, cacheDir: string, extra: Record<string, string>): Record<string, string> {
  return { REGISTRY_URL: registry.url, CACHE_DIR: cacheDir, LOG_REQUESTS: "0", MAX_QUEUED_DIFFS: "1000", ...extra };
}

/** `MAIN.cache_hit` and `MAIN.cache_miss` of a running varnishd (`varnishstat -1`). */
async function varnishCounters(varnish: Varnishd): Promise<{ hits: number; misses: number }> {
  const { stdout } = await promisify(execFile)("varnishstat", ["-n", varnish.workDir, "-1", "-f", "MAIN.cache_hit", "-f", "MAIN.cache_miss"]);
  const counter = (name: string) => Number(new RegExp(`^${name.replace(".", "\\.")}\\s+(\\d+)`, "m").exec(stdout)?.[1] ?? Number.NaN);
  return { hits: counter("MAIN.cache_hit"), misses: counter("MAIN.cache_miss") };
}

/** `packages`' diffs as JSON from `replicas` in turn, at most `concurrency` in flight. */
async function diffsPerSecond(replicas: readonly AppServer[], packages: readonly SyntheticPackage[], concurrency: number): Promise<ThroughputRun> {
  const cpuBefore = replicas.map((r) => r.cpuMs());
  const times: number[] = [];
  const statuses: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    for (let i = next++; i < packages.length; i = next++) {
      const replica = replicas[i % replicas.length]!;
      const sent = performance.now();
      const response = await bodyBytes(`${replica.url}/api/v1${diffPath(packages[i]!)}`, HEADERS);
      times.push(performance.now() - sent);
      statuses.push(response.status);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, packages.length) }, lane));
  const wallMs = performance.now() - started;
  // Work a replica does after answering (storing the diff in Redis, on disk) belongs to the run too.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpuMs = replicas.reduce((sum, r, i) => sum + r.cpuMs() - cpuBefore[i]!, 0);
  return {
    replicas: replicas.length,
    diffs: packages.length,
    wallMs,
    perS: packages.length / (wallMs / 1000),
    p50Ms: median(times),
    maxMs: Math.max(...times),
    cpuMsPerDiff: cpuMs / packages.length,
    statuses,
  };
}

/** The same cold diff (a twin under a new name each time) on `shared` and on `local`, alternately, one at a time. */
async function coldLatency(shared: AppServer, local: AppServer, pairs: readonly [SyntheticPackage, SyntheticPackage][]): Promise<ColdRun> {
  const run: ColdRun = { runs: pairs.length - COLD_WARMUPS, sharedMs: [], localMs: [], statuses: [] };
  const time = async (server: AppServer, p: SyntheticPackage) => {
    const r = await bodyBytes(`${server.url}/api/v1${diffPath(p)}`, HEADERS);
    run.statuses.push(r.status);
    return r.ms;
  };
  for (const [i, [s, l]] of pairs.entries()) {
    // Which goes first alternates, so a trend on the machine hits both alike.
    let sharedMs: number;
    let localMs: number;
    if (i % 2 === 0) {
      sharedMs = await time(shared, s);
      localMs = await time(local, l);
    } else {
      localMs = await time(local, l);
      sharedMs = await time(shared, s);
    }
    if (i < COLD_WARMUPS) continue;
    run.sharedMs.push(sharedMs);
    run.localMs.push(localMs);
  }
  return run;
}

/** `count` packages of `shape` named `<prefix>-<i>`: the same content, so the same work, never cached for one another. */
function twins(prefix: string, shape: SyntheticShape, count: number): SyntheticPackage[] {
  return Array.from({ length: count }, (_, i) => syntheticPackage(`${prefix}-${i}`, shape));
}

export async function measureCluster(settings: ClusterSettings = readClusterSettings()): Promise<ClusterResult> {
  const began = performance.now();
  await ensureProductionBuild();
  console.error("cluster: generating fixture packages…");
  const page = syntheticPackage("cluster-page", LOAD_SHAPES.medium);
  const warm = twins("cluster-warm", LOAD_SHAPES.clusterDiff, 2);
  const oneRun = twins("cluster-one", LOAD_SHAPES.clusterDiff, settings.diffs);
  const twoRun = twins("cluster-two", LOAD_SHAPES.clusterDiff, settings.diffs);
  const coldCount = settings.coldRuns + COLD_WARMUPS;
  const coldShared = twins("cluster-cold-shared", LOAD_SHAPES.clusterCold, coldCount);
  const coldLocal = twins("cluster-cold-local", LOAD_SHAPES.clusterCold, coldCount);
  const packages = [page, ...warm, ...oneRun, ...twoRun, ...coldShared, ...coldLocal].map((p) => p.pkg);

  const registry = await startFixtureRegistry({ packages, search: false });
  const work = await mkdtemp(path.join(os.tmpdir(), "pkgdiff-cluster-bench-"));
  const servers: AppServer[] = [];
  let redis: RedisServer | undefined;
  let varnish: Varnishd | undefined;
  const replica = async (name: string, extra: Record<string, string>) => {
    const server = await startAppServer({ port: await freePort(), env: replicaEnv(registry, path.join(work, name), extra) });
    servers.push(server);
    return server;
  };
  try {
    redis = await startRedisServer();
    // The cap counts across the cluster in shared mode: the cores of both replicas together (README, Shared mode).
    const shared = { REDIS_URL: redis.url, RATE_LIMIT_MISSES: "0", MAX_ACTIVE_DIFFS: String(2 * os.availableParallelism()) };
    console.error("cluster: redis-server, two replicas in shared mode, varnishd in front…");
    const [a, b] = await Promise.all([replica("a", shared), replica("b", shared)]);
    varnish = await startVarnishd({ replicas: [a!, b!].map((r) => ({ host: "127.0.0.1", port: Number(new URL(r.url).port) })) });
    await varnish.waitUntilHealthy(30_000);
    const loadBefore = os.loadavg()[0] ?? Number.NaN;

    // 1. One cached page: computed once (through Varnish), then straight from a replica and through Varnish.
    const pagePath = diffPath(page);
    const first = await bodyBytes(`${varnish.url}${pagePath}`);
    if (first.status !== 200) throw new Error(`${pagePath} answered ${first.status} through Varnish`);
    const pid = varnish.pid;
    // Who is busy during each run: the bench's own process (autocannon; the registry sits idle), the replicas, varnishd.
    const clocks = {
      autocannon: () => {
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1000;
      },
      replicas: () => a!.cpuMs() + b!.cpuMs(),
      varnishd: () => (pid === undefined ? Number.NaN : treeCpuMs(pid)),
    };
    const direct = await measureRow(a!, "one replica directly", pagePath, settings, settings.durationS, clocks);
    const before = await varnishCounters(varnish);
    const through = await measureRow(varnish, "through Varnish (hits)", pagePath, settings, settings.durationS, clocks);
    const after = await varnishCounters(varnish);

    // 2. Uncached diffs per second, one replica and then two; each has computed one diff before (JIT).
    console.error(`cluster: ${settings.diffs} uncached diffs on one replica, then ${settings.diffs} on two, ${settings.concurrency} in flight…`);
    await Promise.all([a!, b!].map((r, i) => bodyBytes(`${r.url}/api/v1${diffPath(warm[i]!)}`, HEADERS)));
    const one = await diffsPerSecond([a!], oneRun, settings.concurrency);
    const two = await diffsPerSecond([a!, b!], twoRun, settings.concurrency);

    // 3. Shared mode's own latency: a fresh replica with Redis against one without, the rest alike.
    await varnish.stop();
    varnish = undefined;
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    console.error(`cluster: ${settings.coldRuns} cold diffs on a replica with REDIS_URL and on one without, alternately…`);
    // A miss budget that never runs out but is checked, as in production: in Redis on one, in process on the other.
    const budget = { RATE_LIMIT_MISSES: "1000" };
    const [withRedis, without] = await Promise.all([replica("shared", { ...budget, REDIS_URL: redis.url }), replica("local", budget)]);
    const cold = await coldLatency(withRedis!, without!, coldShared.map((s, i) => [s, coldLocal[i]!]));

    return {
      settings,
      cores: os.availableParallelism(),
      direct,
      varnish: through,
      varnishHits: after.hits - before.hits,
      varnishMisses: after.misses - before.misses,
      one,
      two,
      cold,
      load: [loadBefore, os.loadavg()[0] ?? Number.NaN],
      ms: performance.now() - began,
    };
  } finally {
    await varnish?.stop().catch(() => undefined);
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.stop();
    await registry.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Why the section fails: a request that did not answer 200, or Varnish missing where it should hit. */
export function clusterFailures(r: ClusterResult): string[] {
  const failures: string[] = [];
  for (const row of [r.direct, r.varnish]) {
    if (row.non2xx > 0 || row.errors > 0) failures.push(`${row.label}: ${row.non2xx} non-2xx, ${row.errors} errors`);
  }
  if (r.varnishMisses > 0) failures.push(`Varnish missed ${r.varnishMisses} times on a cached page`);
  for (const run of [r.one, r.two]) {
    const bad = run.statuses.filter((s) => s !== 200);
    if (bad.length > 0) failures.push(`${run.replicas} replica(s): ${bad.length} uncached diffs answered ${[...new Set(bad)].join(", ")}`);
  }
  const coldBad = r.cold.statuses.filter((s) => s !== 200);
  if (coldBad.length > 0) failures.push(`cold diffs: ${coldBad.length} answered ${[...new Set(coldBad)].join(", ")}`);
  return failures;
}


/** The extra latency of shared mode: the difference of the medians, and the median of the paired differences. */
export function sharedCost(cold: ColdRun): { medianDiffMs: number; pairedMs: number } {
  return {
    medianDiffMs: median(cold.sharedMs) - median(cold.localMs),
    pairedMs: median(cold.sharedMs.map((s, i) => s - (cold.localMs[i] ?? Number.NaN))),
  };
}

/** The cluster section as Markdown. */
export function clusterReport(r: ClusterResult): string {
  const s = r.settings;
  const cores = (x: LoadRow) => ["autocannon", "replicas", "varnishd"].map((name) => ((x.cpuMs?.[name] ?? Number.NaN) / (x.durationS * 1000)).toFixed(2)).join(" / ");
  const row = (x: LoadRow) => [
    x.label,
    formatBytes(x.bytes),
    `${Math.round(x.durationS)} s`,
    x.reqPerS.toFixed(0),
    ms(x.p50Ms),
    ms(x.p99Ms),
    cores(x),
    String(Math.round((((x.cpuMs?.replicas ?? Number.NaN) + (x.cpuMs?.varnishd ?? Number.NaN)) * 1000) / x.requests)),
    x.non2xx + x.errors === 0 ? "0 ✓" : `${x.non2xx} / ${x.errors} ✗`,
  ];
  const throughput = (t: ThroughputRun) => [
    t.replicas === 1 ? "1 replica" : `${t.replicas} replicas, round-robin`,
    String(t.diffs),
    (t.wallMs / 1000).toFixed(2),
    t.perS.toFixed(2),
    ms(t.p50Ms),
    ms(t.maxMs),
    ms(t.cpuMsPerDiff),
    ((t.cpuMsPerDiff * t.diffs) / t.wallMs).toFixed(2),
  ];
  const cost = sharedCost(r.cold);
  const clusterDiff = LOAD_SHAPES.clusterDiff;
  const coldShape = LOAD_SHAPES.clusterCold;
  return [
    `Cluster (\`npm run bench -- cluster\`): fixture registry, one \`redis-server\`, replicas of the production build (\`node scripts/start.mjs\`, fresh CACHE_DIR each, \`LOG_REQUESTS=0\`, \`MAX_QUEUED_DIFFS=1000\`) and \`varnishd\` with deploy/varnish/default.vcl, all on free loopback ports on this ${r.cores}-core machine; load average ${r.load.map((l) => l.toFixed(1)).join(" before, ")} after; section ${(r.ms / 1000).toFixed(0)} s.`,
    "",
    `One cached diff page (\`/diff/<pkg>/1.0.0..2.0.0\`, ${LOAD_SHAPES.medium.files} files): autocannon, ${s.connections} connections, ${WARMUP_S} s warm-up, \`accept-encoding: gzip\`; Varnish counted ${r.varnishHits} hits and ${r.varnishMisses} misses over its runs.`,
    "",
    table(["cached page", "body", "for", "req/s", "p50 ms", "p99 ms", "cores busy: autocannon / replicas / varnishd", "server CPU µs / request", "non-2xx / errors"], [row(r.direct), row(r.varnish)]),
    "",
    `Uncached diffs (the JSON API, ${clusterDiff.files} files, every ${clusterDiff.changeEveryFile === 2 ? "second" : `${clusterDiff.changeEveryFile}th`} changed; a distinct package each), ${s.concurrency} in flight, dealt round-robin by the bench; both replicas in shared mode on the same Redis, \`MAX_ACTIVE_DIFFS=${2 * r.cores}\` (the cores of both), \`PKGDIFF_WORKERS\` default (${r.cores} each):`,
    "",
    table(["replicas", "diffs", "wall s", "diffs/s", "p50 ms", "max ms", "replica CPU ms / diff", "cores busy (replicas)"], [throughput(r.one), throughput(r.two)]),
    "",
    `Cold diff (JSON API, ${coldShape.files} files), the same content under a new name each time, one at a time, alternating a replica with \`REDIS_URL\` and one without (both with a miss budget, \`RATE_LIMIT_MISSES=1000\`; ${COLD_WARMUPS} unmeasured first): median of ${r.cold.runs}, shared ${ms(median(r.cold.sharedMs))} ms, local ${ms(median(r.cold.localMs))} ms; shared mode's extra ${cost.medianDiffMs.toFixed(1)} ms (difference of the medians; median of the paired differences ${cost.pairedMs.toFixed(1)} ms), target < ${SHARED_COST_TARGET_MS} ms ${cost.medianDiffMs < SHARED_COST_TARGET_MS ? "✓" : "✗"}.`,
  ].join("\n");
}

/** Measures, prints the Markdown (and any failure) and says whether the section passed. */
export async function runClusterSection(): Promise<boolean> {
  const result = await measureCluster();
  const failures = clusterFailures(result);
  process.stdout.write(`\n### Cluster (shared mode, Varnish)\n\n${clusterReport(result)}\n`);
  for (const failure of failures) {
    process.stdout.write(`\n✗ cluster: ${failure}\n`);
    console.error(`✗ cluster: ${failure}`);
  }
  return failures.length === 0;
}
