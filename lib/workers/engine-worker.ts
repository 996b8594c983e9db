/**
 * Entry of an engine worker thread: runs the diff, render, highlight,
 * pretty-print and unpack tasks posted by EnginePool, one at a time.
 * Bundled by `scripts/build-workers.mjs` into `dist/workers/engine-worker.mjs`
 * (Next's server bundles cannot start a `.ts` worker). Tests bundle
 * test-worker.ts instead, which adds the test-only kinds.
 */
import { serveTasks } from "./serve-tasks";
import { runTask } from "./tasks";

serveTasks(runTask);
