/**
 * `npm run bench -- start`: what a user meets on a fresh server (issue 15
 * items 3 and 4). Starts the fixture registry (the real react 18.2.0 and
 * 18.3.1 tarballs, fetched once with `npm pack` into bench/.data, and the
 * react-sized `long-history` fixture: 120 stable releases, 2,825
 * prereleases in five lines) and `node scripts/start.mjs` on loopback with
 * an empty CACHE_DIR, then:
 *
 * 1. how long the server takes until `/readyz` answers 200;
 * 2. the first react 18.2.0..18.3.1 page right after that, with empty caches
 *    (packument, both tarballs, unpack, diff, review, render): first byte and
 *    total (target: under 1 s in all), then the same page warm;
 * 3. the versions page of the long history: its HTML size (target under
 *    200 KB) and its render time, first and warm (target under 300 ms warm).
 *
 * Knob: BENCH_START_PORT (3420). Progress to stderr, Markdown to stdout.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { longHistory } from "../fixtures/packages";
import { startFixtureRegistry } from "../fixtures/registry";
import { formatBytes } from "../lib/format-bytes";
import { diffPath } from "../lib/routes/diff-path";
import { type AppServer, ensureProductionBuild, startAppServer, waitForReady } from "./app-server";
import { realPackage } from "./data";
import { positiveInt } from "./load";
import type { BenchPair } from "./pairs";
import { mark, table } from "./report";
import { type HttpTiming, medianTiming, timeGet } from "./server";
import { readSettings } from "./settings";
import { repeat } from "./stats";

const REACT: BenchPair = { name: "react", from: "18.2.0", to: "18.3.1" };
const FIRST_PAGE_TARGET_MS = 1_000;
const VERSIONS_PAGE_TARGET_BYTES = 200 * 1024;
const VERSIONS_PAGE_TARGET_MS = 300;

export interface FirstPageResult {
  readyMs: number;
  first: HttpTiming;
  warm: HttpTiming;
  versionsFirst: HttpTiming;
  versionsWarm: HttpTiming;
  warmRuns: number;
  load: [number, number];
}

export async function measureFirstPage(): Promise<FirstPageResult> {
  const settings = readSettings();
  await ensureProductionBuild();
  const registry = await startFixtureRegistry({ packages: [await realPackage(REACT), longHistory], search: false });
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "pkgdiff-start-cache-"));
  let server: AppServer | undefined;
  try {
    const loadBefore = os.loadavg()[0] ?? Number.NaN;
    const started = performance.now();
    server = await startAppServer({
      port: positiveInt(process.env, "BENCH_START_PORT", 3420),
      env: { REGISTRY_URL: registry.url, CACHE_DIR: cacheDir, LOG_REQUESTS: "0", RATE_LIMIT_MISSES: "0" },
    });
    await waitForReady(server);
    const readyMs = performance.now() - started;
    console.error(`start: ready after ${Math.round(readyMs)} ms; the first react page…`);
    const page = `${server.url}${diffPath(REACT.name, REACT.from, REACT.to)}`;
    const first = await timeGet(page, settings.httpCapS);
    const warmRuns = Math.max(5, settings.runs);
    const warm = medianTiming(await repeat(warmRuns, () => timeGet(page, settings.httpCapS)));
    console.error("start: the long history's versions page…");
    const versions = `${server.url}/diff/${longHistory.name}`;
    const versionsFirst = await timeGet(versions, settings.httpCapS);
    const versionsWarm = medianTiming(await repeat(warmRuns, () => timeGet(versions, settings.httpCapS)));
    return { readyMs, first, warm, versionsFirst, versionsWarm, warmRuns, load: [loadBefore, os.loadavg()[0] ?? Number.NaN] };
  } finally {
    await server?.stop();
    await registry.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${Math.round(value)} ms`;

export function firstPageReport(r: FirstPageResult): string {
  const firstOk = r.first.totalMs < FIRST_PAGE_TARGET_MS;
  const sizeOk = r.versionsWarm.bytes < VERSIONS_PAGE_TARGET_BYTES;
  const versionsOk = r.versionsWarm.totalMs < VERSIONS_PAGE_TARGET_MS;
  return [
    table(
      ["request", "status", "first byte", "total", "body", "target"],
      [
        ["`/readyz` 200 after start", "200", "", ms(r.readyMs), "", ""],
        [`first ${REACT.name} ${REACT.from}..${REACT.to} page, empty caches`, String(r.first.status), ms(r.first.firstByteMs), ms(r.first.totalMs), formatBytes(r.first.bytes), `< 1 s ${mark(firstOk)}`],
        [`the same page warm (median of ${r.warmRuns})`, String(r.warm.status), ms(r.warm.firstByteMs), ms(r.warm.totalMs), formatBytes(r.warm.bytes), ""],
        [`versions page of ${longHistory.name}, first`, String(r.versionsFirst.status), ms(r.versionsFirst.firstByteMs), ms(r.versionsFirst.totalMs), formatBytes(r.versionsFirst.bytes), ""],
        [
          `versions page warm (median of ${r.warmRuns})`,
          String(r.versionsWarm.status),
          ms(r.versionsWarm.firstByteMs),
          ms(r.versionsWarm.totalMs),
          formatBytes(r.versionsWarm.bytes),
          `< 200 KB ${mark(sizeOk)}, < 300 ms ${mark(versionsOk)}`,
        ],
      ],
    ),
    "",
    `The react tarballs are the published ones, served by the loopback fixture registry; ${longHistory.name} has 120 stable releases and 2,825 prereleases in five release lines, like react. Load average ${r.load.map((l) => l.toFixed(1)).join(" before, ")} after.`,
  ].join("\n");
}

export async function runStartSection(): Promise<boolean> {
  const result = await measureFirstPage();
  process.stdout.write(`\n### A fresh server (first page, versions page)\n\n${firstPageReport(result)}\n`);
  const failures = [result.first, result.warm, result.versionsFirst, result.versionsWarm].filter((t) => t.status !== 200);
  for (const failure of failures) process.stdout.write(`\n✗ start: a request answered ${failure.status}\n`);
  return failures.length === 0;
}
