import { scanFilesTask } from "../../review/scan-task";
import { readTarball } from "../../tarball/read-tarball";
import { type AnyPoolTask, poolTask, refusing } from "../../workers/task";
import type { PackageInfo } from "../types";
import { unpackTask } from "../unpack-task";
import { parsePackument } from "./packument";
import { NPM_REVIEW } from "./review";

/*
 * npm's work in the worker pool: unpacking big tarballs, parsing big
 * packuments, scanning diffs with npm's review rules. The worker bundle serves WORKER_TASKS (scripts/build-workers.mjs).
 */

/** An npm tarball (one gzip, one top folder, usually `package/`, stripped) as a tree. */
export const npmUnpackTask = unpackTask("npm.unpack", readTarball);

/** Input of the packument task: a packument's bytes, as the registry sent them. */
export interface PackumentInput {
  name: string;
  body: Uint8Array;
}

/** Output of the packument task: the package (small), or why not. */
export const npmPackumentTask = poolTask(
  "npm.packument",
  refusing(({ name, body }: PackumentInput): { pkg: PackageInfo } => ({ pkg: parsePackument(name, body) })),
);

/** npm's risky-code scan of each diffed file (lib/review/scan-task.ts). */
export const npmScanFilesTask = scanFilesTask("npm.scanFiles", NPM_REVIEW);

export const WORKER_TASKS: readonly AnyPoolTask[] = [npmUnpackTask, npmPackumentTask, npmScanFilesTask];
