import { performance } from "node:perf_hooks";
import type { BenchPair } from "./pairs";
import { formatBytes } from "../lib/format-bytes";
import { mark } from "./report";
import { type HttpTiming, timeGet } from "./server";

export interface ProbeStats {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface Responsiveness {
  /** What was computing meanwhile, and how long it took. */
  heavy: string;
  heavyMs: number;
  healthz: ProbeStats;
  cachedDiff: ProbeStats;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function stats(samples: number[]): ProbeStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? Number.NaN };
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { "accept-encoding": "identity" } });
  await response.arrayBuffer();
  return performance.now() - started;
}

/**
 * Requests each of `urls` in turn, one at a time, every `intervalMs`, until
 * `done()` (or the deadline); the latencies of each URL, in ms.
 */
async function probeWhile(urls: readonly string[], done: () => boolean, { intervalMs, deadline }: { intervalMs: number; deadline: number }): Promise<number[][]> {
  const samples = urls.map((): number[] => []);
  while (!done() && performance.now() < deadline) {
    for (const [i, url] of urls.entries()) samples[i]!.push(await timed(url));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return samples;
}

/** `/healthz` while a cold `.patch` and the cold page of the same diff were produced at once. */
export interface ColdPatchRun {
  /** What was diffed. */
  label: string;
  patch: HttpTiming;
  page: HttpTiming;
  healthz: ProbeStats;
  /**
   * The same `.patch` again, alone: its diff is in memory, so this is the
   * patch's serialization and streaming by itself (a patch over the
   * response cache's entry bound is not replayed).
   */
  again: { patch: HttpTiming; healthz: ProbeStats };
}

/**
 * Issue 15's "the .patch path never stalls the server": a cold `.patch`
 * (no earlier request computed its diff) and the cold page of the same
 * diff are requested at once, and `/healthz` is polled one request at a
 * time every `intervalMs` until both are done. The patch's first byte is
 * its first body chunk (fetch's, on loopback).
 */
export async function measureColdPatch(
  baseUrl: string,
  diffPath: string,
  label: string,
  { intervalMs = 20, capS = 120 } = {},
): Promise<ColdPatchRun> {
  await timed(`${baseUrl}/healthz`);
  let running = 2;
  const settle = <T>(p: Promise<T>) =>
    p.finally(() => {
      running -= 1;
    });
  const started = performance.now();
  const patch = settle(timeGet(`${baseUrl}${diffPath}.patch`, capS));
  const page = settle(timeGet(`${baseUrl}${diffPath}`, capS));
  // Both are awaited below; a failure must not go unhandled while the probe loop runs.
  void Promise.allSettled([patch, page]);
  const [healthz = []] = await probeWhile([`${baseUrl}/healthz`], () => running === 0, { intervalMs, deadline: started + capS * 1000 });
  const cold = { label, patch: await patch, page: await page, healthz: stats(healthz) };

  let againDone = false;
  const againStarted = performance.now();
  const again = timeGet(`${baseUrl}${diffPath}.patch`, capS).finally(() => {
    againDone = true;
  });
  void again.catch(() => undefined);
  const [againHealthz = []] = await probeWhile([`${baseUrl}/healthz`], () => againDone, { intervalMs, deadline: againStarted + capS * 1000 });
  return { ...cold, again: { patch: await again, healthz: stats(againHealthz) } };
}

/** Issue 15's targets for `/healthz` while a cold `.patch` and page are produced. */
export const HEALTHZ_P99_TARGET_MS = 100;
export const HEALTHZ_MAX_TARGET_MS = 150;

/** The cold-patch run as Markdown. */
export function coldPatchTable(r: ColdPatchRun): string {
  const s = r.healthz;
  const ms = (value: number) => `${Math.round(value)} ms`;
  const row = (what: string, h: ProbeStats, patch: HttpTiming, page: string) =>
    `| ${what} | ${h.count} | ${h.p50Ms.toFixed(1)} | ${h.p99Ms.toFixed(1)} ${mark(h.p99Ms < HEALTHZ_P99_TARGET_MS)} | ${h.maxMs.toFixed(1)} ${mark(h.maxMs < HEALTHZ_MAX_TARGET_MS)} | ${ms(patch.firstByteMs)} | ${ms(patch.totalMs)} | ${formatBytes(patch.bytes)} | ${page} |`;
  return [
    `While a cold \`.patch\` of ${r.label} and its cold page were produced at once (fresh cache, one request each):`,
    "",
    "| requests | /healthz n | p50 ms | p99 ms (< 100) | max ms (< 150) | .patch first byte | .patch total | .patch size | page total |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    row("cold .patch + cold page at once", s, r.patch, ms(r.page.totalMs)),
    row("the same .patch again (diff in memory: serialization alone)", r.again.healthz, r.again.patch, "–"),
  ].join("\n");
}

/**
 * Issue 3's "one huge diff never delays other requests": while the heavy
 * pair is computed uncached (a diff key no earlier request used: `w=1`),
 * `/healthz` and a small cached diff page are requested in a loop, one at a
 * time, every `intervalMs`; the loop stops when the heavy request ends (or
 * after `capS`). Loopback only.
 */
export async function measureResponsiveness(
  baseUrl: string,
  heavy: BenchPair,
  small: BenchPair,
  { intervalMs = 20, capS = 120 } = {},
): Promise<Responsiveness> {
  const smallUrl = `${baseUrl}/diff/${small.name}/${small.from}..${small.to}`;
  await timed(smallUrl); // cached from here on
  await timed(`${baseUrl}/healthz`);
  // w=1 is a diff key no earlier bench request used: uncached the first time a server sees it.
  const heavyUrl = `${baseUrl}/diff/${heavy.name}/${heavy.from}..${heavy.to}?w=1`;
  let done = false;
  const started = performance.now();
  const heavyRequest = timed(heavyUrl).finally(() => {
    done = true;
  });
  const [healthz = [], cached = []] = await probeWhile([`${baseUrl}/healthz`, smallUrl], () => done, { intervalMs, deadline: started + capS * 1000 });
  const heavyMs = await heavyRequest;
  return { heavy: `${heavy.name} ${heavy.from}→${heavy.to} (w=1, uncached)`, heavyMs, healthz: stats(healthz), cachedDiff: stats(cached) };
}

/** The responsiveness result as Markdown. */
export function responsivenessTable(r: Responsiveness): string {
  const row = (what: string, s: ProbeStats) =>
    `| ${what} | ${s.count} | ${s.p50Ms.toFixed(1)} | ${s.p99Ms.toFixed(1)} ${s.p99Ms < 100 ? "✓" : "✗"} | ${s.maxMs.toFixed(1)} |`;
  return [
    `While ${r.heavy} rendered (${(r.heavyMs / 1000).toFixed(2)} s):`,
    "",
    "| request | n | p50 ms | p99 ms (< 100) | max ms |",
    "| --- | --- | --- | --- | --- |",
    row("/healthz", r.healthz),
    row("small cached diff page", r.cachedDiff),
  ].join("\n");
}
