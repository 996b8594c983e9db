import { scanFilesTask } from "../../review/scan-task";
import type { AnyPoolTask } from "../../workers/task";
import { unpackTask } from "../unpack-task";
import { HEX_REVIEW } from "./review";
import { unpackHexTree } from "./tarball";

/** Hex's work in the worker pool: reading big tarballs, scanning diffs with Hex's review rules. The worker bundle serves WORKER_TASKS (scripts/build-workers.mjs). */

/** A verified v3 tarball as the tree that is diffed and browsed (contents.tar.gz's files and metadata.config). */
export const hexUnpackTask = unpackTask("hex.unpack", (bytes, limits) => unpackHexTree(bytes, limits));

/** Hex's risky-code scan of each diffed file (lib/review/scan-task.ts). */
export const hexScanFilesTask = scanFilesTask("hex.scanFiles", HEX_REVIEW);

export const WORKER_TASKS: readonly AnyPoolTask[] = [hexUnpackTask, hexScanFilesTask];
