import { performance } from "node:perf_hooks";
import type { BenchPair } from "./pairs";
import { runCommand } from "./proc";
import { median, repeat } from "./stats";

export interface HttpTiming {
  status: number;
  /** Until the first body chunk: headers alone would say nothing about streaming. */
  firstByteMs: number;
  totalMs: number;
  bytes: number;
}

/** A timing, or why there is none (the page and the patch fail independently). */
export type HttpOutcome = { ok: true; timing: HttpTiming } | { ok: false; error: string };

export interface ServerResult {
  page: HttpOutcome;
  patch: HttpOutcome;
}

/** One GET, read to the end, timed. */
export async function timeGet(url: string, capS: number): Promise<HttpTiming> {
  const started = performance.now();
  // The signal covers the body too: a stalled stream is cut off like a slow header.
  const response = await fetch(url, {
    redirect: "manual",
    headers: { "accept-encoding": "identity" },
    signal: AbortSignal.timeout(capS * 1000),
  });
  let firstByteMs: number | undefined;
  let bytes = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      firstByteMs ??= performance.now() - started;
      bytes += value.byteLength;
    }
  }
  const totalMs = performance.now() - started;
  return { status: response.status, firstByteMs: firstByteMs ?? totalMs, totalMs, bytes };
}

/**
 * The same GET made by `curl` (as the C pipeline downloads its tarballs):
 * the client is a process of its own, not the bench's event loop, which
 * also serves the fixture registry and would itself slow the reading of a
 * 30 MB body (by 0.1–0.17 s, measured on 2 cores).
 */
export async function timeCurlGet(url: string, capS: number): Promise<HttpTiming> {
  const format = "%{http_code} %{time_starttransfer} %{time_total} %{size_download}";
  const run = await runCommand("curl", ["-sS", "-o", "/dev/null", "-H", "accept-encoding: identity", "-m", String(capS), "-w", format, url], { stdout: "capture" });
  const [status, firstS, totalS, bytes] = run.stdout.trim().split(" ").map(Number);
  return { status: status ?? 0, firstByteMs: (firstS ?? 0) * 1000, totalMs: (totalS ?? 0) * 1000, bytes: bytes ?? 0 };
}

/** The median time of several GETs of one URL (status and size: the last one's). */
export function medianTiming(timings: readonly HttpTiming[]): HttpTiming {
  const last = timings[timings.length - 1];
  return {
    status: last?.status ?? 0,
    firstByteMs: median(timings.map((t) => t.firstByteMs)),
    totalMs: median(timings.map((t) => t.totalMs)),
    bytes: last?.bytes ?? 0,
  };
}

/** Median of `runs` GETs after one warming GET (which fills the tarball and diff caches). */
async function timeWarm(url: string, runs: number, capS: number): Promise<HttpTiming> {
  await timeGet(url, capS);
  return medianTiming(await repeat(runs, () => timeGet(url, capS)));
}

async function outcome(url: string, runs: number, capS: number): Promise<HttpOutcome> {
  try {
    return { ok: true, timing: await timeWarm(url, runs, capS) };
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError") return { ok: false, error: `> ${capS} s` };
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return { ok: false, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

/** The diff page and its `.patch` for `pair` on a running pkgdiff at `baseUrl`. */
export async function timeServer(baseUrl: string, pair: BenchPair, runs: number, capS: number): Promise<ServerResult> {
  const page = `${baseUrl}/diff/${pair.name}/${pair.from}..${pair.to}`;
  return { page: await outcome(page, runs, capS), patch: await outcome(`${page}.patch`, runs, capS) };
}
