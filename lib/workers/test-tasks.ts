import type { TaskInput, TaskOutput } from "./tasks";

/**
 * Task kinds that exist only in the test worker (test-worker.ts), never in
 * the production bundle or inline: on the main thread "spin" would hang
 * the server and "crash" would end it. The pool tests use them to reach
 * the deadline and crash paths.
 */
export interface TestOnlyInput {
  /** Loops forever, so only the deadline can end it. */
  spin: Record<string, never>;
  /** Ends the worker thread with this exit code, as a crash would. */
  crash: { exitCode: number };
}

/** The test worker's kinds: every production kind plus the test-only ones. */
export interface TestTaskInput extends TaskInput, TestOnlyInput {}

/** What the test worker's kinds return (the test-only ones never return). */
export interface TestTaskOutput extends TaskOutput {
  spin: never;
  crash: never;
}

type TestOnlyKind = keyof TestOnlyInput;

const handlers: { [K in TestOnlyKind]: (input: TestOnlyInput[K]) => never } = {
  spin: () => {
    for (;;) {
      // Busy on purpose: a synchronous loop is what only terminate() can stop.
    }
  },
  // In a worker thread process.exit() ends that thread only.
  crash: ({ exitCode }) => process.exit(exitCode),
};

/** True for the test-only kinds. */
export function isTestOnlyKind(kind: string): kind is TestOnlyKind {
  return Object.hasOwn(handlers, kind);
}

/** Runs a test-only task in this (worker) thread; never returns. */
export function runTestOnlyTask(kind: TestOnlyKind, input: unknown): Promise<never> {
  const handler = handlers[kind] as (input: unknown) => never;
  return (async () => handler(input))();
}
