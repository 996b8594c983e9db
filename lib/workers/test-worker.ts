/**
 * Entry of the test worker: the engine worker's tasks plus the test-only
 * kinds of test-tasks.ts. Only the tests bundle it (test-fixtures.ts, via
 * `buildWorkers(outDir, { entry })`), so `dist/workers/engine-worker.mjs`
 * cannot be told to hang or exit.
 */
import { serveTasks } from "./serve-tasks";
import { runTask } from "./tasks";
import { isTestOnlyKind, runTestOnlyTask } from "./test-tasks";

serveTasks((kind, input) => (isTestOnlyKind(kind) ? runTestOnlyTask(kind, input) : runTask(kind, input)));
