/**
 * Messages between the pool and an engine worker. Both sides are this
 * codebase, so the checks below guard against version skew (a stale
 * `dist/` bundle) rather than hostile input.
 */

/** What a worker is started with (its `workerData`). */
export interface WorkerSetup {
  /** How much to lower the worker thread's scheduling priority (a nice increment). */
  nice: number;
}

/** True for a well-formed WorkerSetup. */
export function isWorkerSetup(value: unknown): value is WorkerSetup {
  return isRecord(value) && typeof value.nice === "number";
}

/** Pool → worker: run one task (the pool's typed `run()` pairs the kind with its input). */
export interface TaskRequest {
  id: number;
  kind: string;
  input: unknown;
}

/** What a task error becomes on its way back: only data crosses threads. */
export interface SerializedError {
  name: string;
  message: string;
}

/** Worker → pool: the result of the task with this id. */
export type TaskResponse = { id: number; output: unknown } | { id: number; error: SerializedError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** True for a well-formed TaskRequest envelope (the input itself is the task's to check). */
export function isTaskRequest(value: unknown): value is TaskRequest {
  return isRecord(value) && typeof value.id === "number" && typeof value.kind === "string" && "input" in value;
}

/** True for a well-formed TaskResponse envelope. */
export function isTaskResponse(value: unknown): value is TaskResponse {
  if (!isRecord(value) || typeof value.id !== "number") return false;
  if ("output" in value) return true;
  return isRecord(value.error) && typeof value.error.name === "string" && typeof value.error.message === "string";
}

/** An error (or anything thrown) as data that survives postMessage. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}
