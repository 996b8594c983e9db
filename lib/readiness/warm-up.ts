import { processGlobal } from "../cache/process-global";

/**
 * What the first request after a start would otherwise pay for, done once
 * before the server says it is ready (`/readyz`): the worker threads
 * started and their diff, review scan, highlight and render code compiled
 * on a small synthetic pair, the main thread's highlighter and review rules
 * run once, the search index built, and (under scripts/server.mjs) one diff
 * page rendered through the server (warm-up-page.ts).
 *
 * A step that fails is logged and recorded, and the server is ready all the
 * same: warming is an optimisation, and a server that serves slowly beats
 * one a load balancer never sends traffic to.
 */

export interface WarmUpStep {
  name: string;
  run(): Promise<unknown>;
}

export interface StepReport {
  name: string;
  ms: number;
  /** Set when the step failed. */
  error?: string;
}

export interface Readiness {
  state: "warming" | "ready";
  /** Milliseconds the whole warm-up took, once ready. */
  ms?: number;
  steps: StepReport[];
  /** Settles when every step has run (it never rejects). */
  done: Promise<void>;
}

/**
 * Runs the steps one after another (they share two cores; running them
 * together would only make each slower) and reports each one's time.
 */
export function runWarmUp(steps: readonly WarmUpStep[], options: { now?: () => number; log?: (report: StepReport) => void } = {}): Readiness {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const readiness: Readiness = { state: "warming", steps: [], done: Promise.resolve() };
  readiness.done = (async () => {
    for (const step of steps) {
      const t0 = now();
      let report: StepReport;
      try {
        await step.run();
        report = { name: step.name, ms: round(now() - t0) };
      } catch (error) {
        report = { name: step.name, ms: round(now() - t0), error: error instanceof Error ? error.message : String(error) };
        options.log?.(report);
      }
      readiness.steps.push(report);
    }
    readiness.ms = round(now() - started);
    readiness.state = "ready";
  })();
  return readiness;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * The process's warm-up: started by the first call (the server calls
 * `/readyz` as soon as it listens), the same object for every later one
 * (Next may evaluate this module once per route bundle; the process warms once).
 */
export function processReadiness(steps: () => readonly WarmUpStep[]): Readiness {
  return processGlobal("pkgdiff.readiness", () =>
    runWarmUp(steps(), {
      log: (report) => console.error(JSON.stringify({ time: new Date().toISOString(), event: "warm-up-step-failed", ...report })),
    }),
  );
}
