import type { AnyPoolTask } from "../../workers/task";
import { unpackTask } from "../unpack-task";
import { unpackHexTree } from "./tarball";

/** Hex's work in the worker pool: reading big tarballs. The worker bundle serves WORKER_TASKS (scripts/build-workers.mjs). */

/** A verified v3 tarball as the tree that is diffed and browsed (contents.tar.gz's files and metadata.config). */
export const hexUnpackTask = unpackTask("hex.unpack", (bytes, limits) => unpackHexTree(bytes, limits));

export const WORKER_TASKS: readonly AnyPoolTask[] = [hexUnpackTask];
