import { type ErrorDetails, type ErrorKind, isPkgdiffError, PkgdiffError } from "../errors";

/*
 * What the pool runs. The pool knows no task: whoever needs work off the
 * main thread (the diff engine here, browse's pretty-printer, each
 * registry's tarball reader and parsers) defines a `PoolTask` in its own
 * folder's `worker-tasks.ts` and hands it to `EnginePool.run`. Inline the
 * pool calls the task's function; a worker thread finds it by id in the
 * table its bundle was built with (scripts/build-workers.mjs assembles
 * the bundle from every lib/**\/worker-tasks.ts, one level above them all).
 */

/** One kind of work the pool runs: an id that crosses to the worker, and the function. */
export interface PoolTask<In, Out> {
  /** Unique in a worker bundle; the owner's folder first for registry tasks ("npm.unpack"). */
  readonly id: string;
  readonly run: (input: In) => Out | Promise<Out>;
  /**
   * Runs only in a worker thread (the tests' "spin" and "crash", which
   * would hang or end the server inline): the pool refuses it inline.
   */
  readonly workerOnly?: boolean;
}

/** A task of any input and output, as held in a worker's table. */
export type AnyPoolTask = PoolTask<never, unknown>;

/**
 * @example
 * export const highlightTask = poolTask("highlight", ({ lines, lang }: HighlightInput) => highlightLines(lines, lang));
 */
export function poolTask<In, Out>(id: string, run: (input: In) => Out | Promise<Out>, options: { workerOnly?: boolean } = {}): PoolTask<In, Out> {
  return { id, run, ...(options.workerOnly ? { workerOnly: true } : {}) };
}

/** Calls a task's function on this thread; a synchronous throw becomes a rejection like any other. */
export function runPoolTask(task: AnyPoolTask, input: unknown): Promise<unknown> {
  const run = task.run as (input: unknown) => unknown;
  return (async () => run(input))();
}

/** The tasks of one worker bundle by id; two tasks with one id are a build error. */
export function taskTable(tasks: readonly AnyPoolTask[]): ReadonlyMap<string, AnyPoolTask> {
  const table = new Map<string, AnyPoolTask>();
  for (const task of tasks) {
    if (table.has(task.id)) throw new Error(`two worker tasks are named ${JSON.stringify(task.id)}`);
    table.set(task.id, task);
  }
  return table;
}

/**
 * A PkgdiffError as data: thrown in a worker it would lose its kind on the
 * way back, so tasks whose refusals users see return it (`refusing`) and
 * callers throw it again (`rethrowRefusal`).
 */
export interface Refusal {
  ok: false;
  kind: ErrorKind;
  message: string;
  details: ErrorDetails;
}

/** A task's output that is either its value (`ok: true` and the value's fields) or a refusal. */
export type Refusable<T extends object> = ({ ok: true } & T) | Refusal;

/**
 * Wraps a task's function so a PkgdiffError comes back as a Refusal
 * (anything else is a bug, rethrown and reported as TaskFailed).
 *
 * @example
 * const parse = refusing(({ name, body }: PackumentInput) => ({ pkg: parsePackument(name, body) }));
 */
export function refusing<In, T extends object>(run: (input: In) => T | Promise<T>): (input: In) => Promise<Refusable<T>> {
  return async (input) => {
    try {
      return { ok: true, ...(await run(input)) };
    } catch (error) {
      if (!isPkgdiffError(error)) throw error;
      return { ok: false, kind: error.kind, message: error.message, details: error.details };
    }
  };
}

/** Throws a task's Refusal as the PkgdiffError it was. */
export function rethrowRefusal(out: Refusal): never {
  throw new PkgdiffError(out.kind, out.message, out.details);
}

/**
 * What a task's output can hand over instead of copying: bytes that fill
 * their whole buffer (a patch batch), an unpacked tree's one buffer, a
 * line-diff batch's patch sections.
 */
export function transferablesOf(output: unknown): ArrayBuffer[] {
  const whole = (bytes: unknown): ArrayBuffer[] =>
    bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? [bytes.buffer]
      : [];
  if (output instanceof Uint8Array) return whole(output);
  const { tree, patch } = (output ?? {}) as { tree?: { buffer?: unknown }; patch?: { bytes?: unknown } };
  if (tree?.buffer instanceof ArrayBuffer) return [tree.buffer];
  return whole(patch?.bytes);
}
