import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ResourceLimits, Worker } from "node:worker_threads";
import { loadWorkerConfig } from "../config.mjs";
import { EngineError, TaskFailed, TaskTimeout } from "./errors";
import { processGlobal } from "../cache/process-global";
import { AbortListeners } from "./abort-listeners";
import { LaneQueue } from "./lane-queue";
import { type TaskRequest, type WorkerSetup, isTaskResponse, serializeError } from "./protocol";
import { type PoolTask, runPoolTask } from "./task";

/** "workers": tasks run in worker threads; "inline": on the calling thread (no bundle, or size 0). */
export type EngineMode = "workers" | "inline";

/** Options of an EnginePool; all optional. */
export interface EnginePoolOptions {
  /** Worker threads at most; default: the cores (`os.availableParallelism()`). 0 runs every task inline. */
  size?: number;
  /** The bundled worker script; default {@link defaultWorkerPath}. */
  workerPath?: string;
  /** Deadline of a task that passes no `timeoutMs` (default 60 s). */
  defaultTimeoutMs?: number;
  /** V8 heap limits per worker: a worker past them dies, and its task rejects as `crashed`. */
  resourceLimits?: ResourceLimits;
  /** Where the one "falling back to inline" warning goes (default console.warn). */
  warn?: (message: string) => void;
  /**
   * How much lower the workers' scheduling priority is than the thread that
   * starts them (a nice increment, 0–19, capped at nice 19; default 0).
   * Linux only (ignored elsewhere): there a thread has a nice value of its
   * own. `PKGDIFF_WORKER_NICE` sets it for the server (10 by default), so
   * its event loop gets a busy core first.
   */
  nice?: number;
}

/** Options of one task. */
export interface RunOptions {
  /** Buffers of the input to move to the worker instead of copying (the caller must not use them after). */
  transfer?: ArrayBuffer[];
  /**
   * Milliseconds the task may run once a worker has picked it up (time in
   * the queue does not count). Past it the worker is terminated and the task
   * rejects with TaskTimeout. Not enforced inline: synchronous work on the
   * main thread cannot be interrupted.
   */
  timeoutMs?: number;
  /**
   * The task is no longer wanted: while it waits in the queue it is dropped
   * and rejects with the signal's reason. A task a worker has picked up runs
   * to its end (its deadline still applies).
   */
  signal?: AbortSignal;
  /**
   * The queue lane of the task (default: the shared lane). Lanes take turns
   * for free workers, so a caller that streams its tasks one by one in a
   * lane of its own (a `.patch`) is not held behind another request's
   * backlog of hundreds of tasks.
   */
  lane?: string;
}

/** A snapshot of the pool, for health checks and tests. */
export interface EnginePoolStats {
  mode: EngineMode;
  size: number;
  /** Worker threads alive now (spawned lazily, so at most `size`). */
  workers: number;
  busy: number;
  queued: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Where `next build` + `scripts/build-workers.mjs` leave the worker bundle.
 * Resolved from the working directory at run time: inside Next's bundles
 * `import.meta.url` points into `.next/`, not at the project.
 */
export function defaultWorkerPath(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "dist", "workers", "engine-worker.mjs");
}

interface Job {
  id: number;
  kind: string;
  input: unknown;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** The worker's uncaught error, reported by "error" just before "exit". */
  lastError?: Error;
}

/**
 * A small pool of worker threads for the CPU-bound engine work (line diffs,
 * highlighting), so a huge file never blocks the event loop that serves
 * every other request. Tasks wait in a queue, first in first out within a
 * lane, lanes taking turns (see RunOptions.lane); each worker runs one
 * task at a time. Workers are started on first use and replaced on demand
 * after a timeout or crash. Without the worker bundle (`next dev`, unit
 * tests of other modules) tasks run inline with the same results.
 *
 * The pool knows no task: callers hand it a PoolTask (lib/workers/task.ts),
 * which a worker finds by id in its bundle's table and which runs here
 * when there is no bundle.
 *
 * @example
 * const pool = new EnginePool({ size: 2 });
 * const [diff] = await pool.run(diffFilesTask, { pairs: [{ old, new: next }], options }, { timeoutMs: 10_000 });
 * await pool.close();
 */
export class EnginePool {
  readonly size: number;
  readonly workerPath: string;
  private readonly defaultTimeoutMs: number;
  private readonly resourceLimits: ResourceLimits | undefined;
  private readonly warn: (message: string) => void;
  private readonly setup: WorkerSetup;
  private resolvedMode: EngineMode | undefined;
  private readonly slots: (Slot | undefined)[];
  private readonly queue = new LaneQueue<Job>();
  /** One abort listener per signal however many of its tasks are queued (a big diff queues hundreds). */
  private readonly aborts = new AbortListeners();
  private nextId = 1;
  private closed = false;

  constructor(options: EnginePoolOptions = {}) {
    const size = options.size ?? Math.max(1, os.availableParallelism());
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`pool size must be a non-negative integer, got ${size}`);
    this.size = size;
    this.workerPath = options.workerPath ?? defaultWorkerPath();
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.resourceLimits = options.resourceLimits;
    this.warn = options.warn ?? ((message) => console.warn(message));
    const nice = options.nice ?? 0;
    const lowest = os.constants.priority.PRIORITY_LOW;
    if (!Number.isSafeInteger(nice) || nice < 0 || nice > lowest) throw new RangeError(`worker nice must be an integer from 0 to ${lowest}, got ${nice}`);
    this.setup = { nice };
    this.slots = new Array<Slot | undefined>(size).fill(undefined);
  }

  /** Which mode runs the tasks; decided on first use, from whether the worker bundle exists. */
  get mode(): EngineMode {
    this.resolvedMode ??= this.decideMode();
    return this.resolvedMode;
  }

  /** Runs one task and resolves with its output; rejects with an EngineError (TaskTimeout past the deadline). */
  run<In, Out>(task: PoolTask<In, Out>, input: In, opts: RunOptions = {}): Promise<Out> {
    if (this.closed) return Promise.reject(new EngineError("closed", task.id, "the engine pool is closed"));
    const { signal, lane = "" } = opts;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.mode === "inline") return this.runInline(task, input);
    return new Promise<Out>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.queue.remove(lane, job)) return; // picked up already: it runs to its end
        reject(signal?.reason);
      };
      const settle = (): void => {
        if (signal) this.aborts.remove(signal, onAbort);
      };
      const job: Job = {
        id: this.nextId++,
        kind: task.id,
        input,
        transfer: opts.transfer ?? [],
        timeoutMs: opts.timeoutMs ?? this.defaultTimeoutMs,
        // The worker answers the request it was sent, so its output is this task's.
        resolve: (output) => {
          settle();
          resolve(output as Out);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      if (signal) this.aborts.add(signal, onAbort);
      this.queue.push(lane, job);
      this.pump();
    });
  }

  /** Counts of workers and tasks right now. */
  stats(): EnginePoolStats {
    const live = this.slots.filter((slot) => slot !== undefined);
    return {
      mode: this.mode,
      size: this.size,
      workers: live.length,
      busy: live.filter((slot) => slot.job !== undefined).length,
      queued: this.queue.length,
    };
  }

  /** Rejects queued and running tasks with a `closed` EngineError and terminates every worker. */
  async close(): Promise<void> {
    this.closed = true;
    const closedError = (job: Job) => new EngineError("closed", job.kind, "the engine pool was closed");
    for (const job of this.queue.drain()) job.reject(closedError(job));
    const terminations: Promise<number>[] = [];
    this.slots.forEach((slot, index) => {
      if (!slot) return;
      this.slots[index] = undefined;
      const job = this.release(slot);
      if (job) job.reject(closedError(job));
      terminations.push(slot.worker.terminate());
    });
    await Promise.all(terminations);
  }

  private decideMode(): EngineMode {
    if (this.size === 0) return "inline";
    if (existsSync(this.workerPath)) return "workers";
    this.warn(
      `pkgdiff: no engine worker bundle at ${this.workerPath} (run \`node scripts/build-workers.mjs\`); ` +
        "diffs and highlighting run on the main thread, so a big diff delays other requests",
    );
    return "inline";
  }

  private async runInline<In, Out>(task: PoolTask<In, Out>, input: In): Promise<Out> {
    try {
      // A worker-only task (the tests' "spin", "crash") would hang or end this thread.
      if (task.workerOnly) throw new Error(`the task ${JSON.stringify(task.id)} runs only in a worker thread`);
      return (await runPoolTask(task, input)) as Out;
    } catch (error) {
      // The same error type a worker's failure becomes, so callers need not know the mode.
      throw new TaskFailed(task.id, serializeError(error), { cause: error });
    }
  }

  /** Starts queued tasks while a worker slot is free. */
  private pump(): void {
    while (this.queue.length > 0) {
      // An idle live worker first (warm highlighter), else an empty slot to spawn into.
      let index = this.slots.findIndex((slot) => slot !== undefined && slot.job === undefined);
      if (index === -1) index = this.slots.indexOf(undefined);
      if (index === -1) return;
      const job = this.queue.shift()!;
      const slot = this.slots[index] ?? this.spawn(index);
      this.dispatch(slot, job);
    }
  }

  private spawn(index: number): Slot {
    const worker = new Worker(this.workerPath, {
      resourceLimits: this.resourceLimits,
      // The bundle is plain JS: an inherited `--import tsx` (bench, scripts) would only load
      // TypeScript hooks into every worker (start-up measured at ~140 ms instead of ~80 ms).
      execArgv: [],
      workerData: this.setup,
    });
    const slot: Slot = { worker };
    this.slots[index] = slot;
    worker.on("message", (message: unknown) => this.onMessage(slot, message));
    worker.on("error", (error) => {
      slot.lastError = error;
    });
    worker.on("exit", (code) => this.onExit(slot, code));
    // An idle worker must not keep a script (or a test run) alive; dispatch() refs it while busy.
    worker.unref();
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    const request: TaskRequest = { id: job.id, kind: job.kind, input: job.input };
    try {
      slot.worker.postMessage(request, job.transfer);
    } catch (error) {
      // DataCloneError: the input cannot cross threads (a caller bug), and nothing was sent.
      job.reject(new TaskFailed(job.kind, serializeError(error), { cause: error }));
      return;
    }
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => this.onTimeout(slot), job.timeoutMs);
  }

  /** Detaches the slot's job (if any): clears its deadline and lets the worker idle. */
  private release(slot: Slot): Job | undefined {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker.unref();
    return job;
  }

  private onMessage(slot: Slot, message: unknown): void {
    // A late answer from a worker already given up on (timed out, pool closed) has no taker.
    if (!isTaskResponse(message) || slot.job?.id !== message.id) return;
    const job = this.release(slot)!;
    if ("error" in message) job.reject(new TaskFailed(job.kind, message.error));
    else job.resolve(message.output);
    this.pump();
  }

  private onTimeout(slot: Slot): void {
    const job = this.release(slot);
    if (!job) return;
    this.forget(slot);
    // terminate() stops even a synchronous loop; the slot is refilled by the next pump.
    void slot.worker.terminate();
    job.reject(new TaskTimeout(job.kind, job.timeoutMs));
    this.pump();
  }

  private onExit(slot: Slot, code: number): void {
    const wasOurs = this.forget(slot);
    const job = this.release(slot);
    if (job) {
      const reason = slot.lastError ? `: ${slot.lastError.name}: ${slot.lastError.message}` : "";
      job.reject(
        new EngineError("crashed", job.kind, `the engine worker exited with code ${code} during the task${reason}`, {
          cause: slot.lastError,
        }),
      );
    }
    if (wasOurs && !this.closed) this.pump();
  }

  /** Removes the slot from the pool; false when it was already gone (timed out or closed). */
  private forget(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index === -1) return false;
    this.slots[index] = undefined;
    return true;
  }
}

/**
 * Pool options from the environment (lib/config.mjs): `PKGDIFF_WORKER_PATH`
 * (the worker bundle), `PKGDIFF_WORKERS` (pool size; 0 runs everything
 * inline, the default under `next dev`) and `PKGDIFF_WORKER_NICE`.
 */
export function enginePoolOptionsFromEnv(env?: NodeJS.ProcessEnv): EnginePoolOptions {
  const { size, workerPath, nice } = loadWorkerConfig(env);
  const options: EnginePoolOptions = { nice };
  if (workerPath !== undefined) options.workerPath = workerPath;
  if (size !== undefined) options.size = size;
  return options;
}

/**
 * The process-wide engine pool, created on first use from the environment
 * (one per process however many bundles Next evaluates this module in, so
 * the cores are not oversubscribed).
 */
export function getEnginePool(): EnginePool {
  return processGlobal("pkgdiff.enginePool", () => new EnginePool(enginePoolOptionsFromEnv()));
}
