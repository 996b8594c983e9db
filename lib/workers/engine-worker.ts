/**
 * Entry of an engine worker thread: runs diff and render tasks posted by
 * EnginePool, one at a time, and posts each result or error back. Bundled
 * by `scripts/build-workers.mjs` into `dist/workers/engine-worker.mjs`
 * (Next's server bundles cannot start a `.ts` worker).
 *
 * A task error is answered, never thrown: the worker and its warm shiki
 * highlighter stay up for the next task. Only the pool ends a worker, by
 * terminating it when a task passes its deadline.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { type EngineWorkerData, type TaskResponse, isTaskRequest, serializeError } from "./protocol";
import { type TaskContext, type TaskKind, type TaskOutput, runTask, transferablesOf } from "./tasks";

function readWorkerData(data: unknown): EngineWorkerData {
  const testTasks = typeof data === "object" && data !== null && "testTasks" in data && data.testTasks === true;
  return { testTasks };
}

function start(): void {
  const port = parentPort;
  if (!port) throw new Error("engine-worker must run in a worker thread (started by EnginePool)");
  const context: TaskContext = { testTasks: readWorkerData(workerData).testTasks };

  port.on("message", (message: unknown) => {
    if (!isTaskRequest(message)) {
      // No id to answer to: a stale bundle talking to a newer pool. Crashing makes the pool report it.
      throw new Error("engine-worker received a malformed task message");
    }
    void answer(port, message.id, () => runTask(message.kind, message.input, context));
  });
}

async function answer(port: MessagePort, id: number, task: () => Promise<TaskOutput[TaskKind]>): Promise<void> {
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

start();
