import os from "node:os";
import { type AnyPoolTask, poolTask } from "./task";

/*
 * Tasks that exist only in the test worker bundle (scripts/build-workers.mjs
 * with `{ test: true }`), never in the production bundle, and that the pool
 * refuses inline: on the main thread "spin" would hang the server and
 * "crash" would end it. The pool tests use them to reach the deadline and
 * crash paths.
 */

/** Loops forever, so only the deadline can end it. */
export const spinTask = poolTask<Record<string, never>, never>(
  "spin",
  () => {
    for (;;) {
      // Busy on purpose: a synchronous loop is what only terminate() can stop.
    }
  },
  { workerOnly: true },
);

/** Ends the worker thread with this exit code, as a crash would. In a worker thread process.exit() ends that thread only. */
export const crashTask = poolTask("crash", ({ exitCode }: { exitCode: number }): never => process.exit(exitCode), { workerOnly: true });

/** The nice value of the thread that runs it (on Linux, that thread's own). */
export const priorityTask = poolTask<Record<string, never>, number>("priority", () => os.getPriority(), { workerOnly: true });

/** What the test bundle adds to the production tasks. */
export const TEST_ONLY_TASKS: readonly AnyPoolTask[] = [spinTask, crashTask, priorityTask];
