/**
 * Errors of the engine pool. Every task failure reaches the caller as an
 * EngineError with a `kind`, whether the task ran in a worker thread or
 * inline, so callers handle one type: `timeout` becomes "this file took too
 * long", the others are bugs or resource exhaustion worth logging.
 */
export type EngineErrorKind =
  | "timeout" // the task passed its deadline; its worker was terminated
  | "crashed" // the worker died (uncaught error, out of memory, process.exit) while running the task
  | "failed" // the task threw; the worker is fine
  | "closed"; // the pool was closed before the task finished

/** A task that did not produce its output; `kind` says why. */
export class EngineError extends Error {
  readonly kind: EngineErrorKind;
  /** The task kind, e.g. "renderFile". */
  readonly task: string;

  constructor(kind: EngineErrorKind, task: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EngineError";
    this.kind = kind;
    this.task = task;
  }
}

/** A task ran past its deadline; the worker running it was terminated (and is replaced on demand). */
export class TaskTimeout extends EngineError {
  readonly timeoutMs: number;

  constructor(task: string, timeoutMs: number) {
    super("timeout", task, `${task} task took longer than ${timeoutMs} ms and was stopped`);
    this.name = "TaskTimeout";
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A task threw inside the engine. `remoteName` keeps the original error's
 * name (e.g. "RangeError"): a worker can only send back data, not the
 * error object itself.
 */
export class TaskFailed extends EngineError {
  readonly remoteName: string;

  constructor(task: string, remote: { name: string; message: string }, options?: { cause?: unknown }) {
    super("failed", task, remote.message, options);
    this.name = "TaskFailed";
    this.remoteName = remote.name;
  }
}

/**
 * Type guard for EngineError. Checks the shape, not the class: Next bundles
 * this module more than once in one process (proxy and app) while the pool
 * is shared on globalThis, so an error may come from another copy of the class.
 */
export function isEngineError(value: unknown): value is EngineError {
  return value instanceof Error && "kind" in value && "task" in value && typeof value.kind === "string";
}

/** Type guard for TaskTimeout, by shape for the same reason as isEngineError. */
export function isTaskTimeout(value: unknown): value is TaskTimeout {
  return isEngineError(value) && value.kind === "timeout";
}
