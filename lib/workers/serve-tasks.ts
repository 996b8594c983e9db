import os from "node:os";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { type TaskResponse, isTaskRequest, isWorkerSetup, serializeError } from "./protocol";
import { type AnyPoolTask, runPoolTask, taskTable, transferablesOf } from "./task";

/**
 * The message loop of a worker bundle (its entry is assembled by
 * scripts/build-workers.mjs from every worker-tasks.ts): runs the tasks the
 * pool posts, found by id among `tasks`, and posts each result or error
 * back. An unknown id is answered as an error (the production bundle has
 * no test-only task).
 *
 * A task error is answered, never thrown: the worker and its warm shiki
 * highlighter stay up for the next task. Only the pool ends a worker, by
 * terminating it when a task passes its deadline.
 */
export function serveTasks(tasks: readonly AnyPoolTask[]): void {
  const table = taskTable(tasks);
  const run = (kind: string, input: unknown): Promise<unknown> => {
    const task = table.get(kind);
    return task ? runPoolTask(task, input) : Promise.reject(new Error(`unknown task kind ${JSON.stringify(kind)}`));
  };
  const port = parentPort;
  if (!port) throw new Error("an engine worker must run in a worker thread (started by EnginePool)");
  if (isWorkerSetup(workerData)) lowerPriority(workerData.nice);
  port.on("message", (message: unknown) => {
    if (!isTaskRequest(message)) {
      // No id to answer to: a stale bundle talking to a newer pool. Crashing makes the pool report it.
      throw new Error("engine-worker received a malformed task message");
    }
    void answer(port, message.id, () => run(message.kind, message.input));
  });
}

async function answer(port: MessagePort, id: number, task: () => Promise<unknown>): Promise<void> {
  let response: TaskResponse;
  try {
    const output = await task();
    response = { id, output };
    // postMessage throws DataCloneError on an output it cannot copy: answer that as the task's error.
    // An unpacked tree's buffer is moved, not copied: the main thread would pay for the copy.
    port.postMessage(response, transferablesOf(output));
  } catch (error) {
    response = { id, error: serializeError(error) };
    port.postMessage(response);
  }
}

/**
 * Lowers this thread's scheduling priority by `nice` (capped at nice 19).
 * On Linux setpriority() with pid 0 applies to the calling thread alone; on
 * other systems it would lower the whole process, main thread included, so
 * nothing is done there. Threads this one starts inherit its value: libuv's
 * shared thread pool (file system, zlib, crypto) is started by the main
 * thread's first file access, long before a worker exists.
 */
function lowerPriority(nice: number): void {
  if (nice <= 0 || process.platform !== "linux") return;
  try {
    os.setPriority(Math.min(os.constants.priority.PRIORITY_LOW, os.getPriority() + nice));
  } catch (error) {
    // Lowering a priority is always allowed on Linux; a sandbox that forbids it costs only responsiveness.
    console.warn(`pkgdiff: engine worker kept its scheduling priority (${error instanceof Error ? error.message : String(error)})`);
  }
}
