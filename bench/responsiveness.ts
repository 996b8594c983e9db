import { performance } from "node:perf_hooks";
import type { BenchPair } from "./pairs";

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
  const healthz: number[] = [];
  const cached: number[] = [];
  const deadline = started + capS * 1000;
  while (!done && performance.now() < deadline) {
    healthz.push(await timed(`${baseUrl}/healthz`));
    cached.push(await timed(smallUrl));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
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
