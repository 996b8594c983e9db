import type { PackageTree, TarLimits } from "../tarball/types";
import { toWire, type WireTree } from "../tarball/wire-tree";
import { type PoolTask, poolTask, type Refusable, refusing } from "../workers/task";

/** Input of an ecosystem's unpack task: a verified tarball and the limits to read it within. */
export interface UnpackInput {
  bytes: Uint8Array;
  limits: TarLimits;
}

/** Output of an unpack task: the tree in one buffer (moved back, not copied), or the reader's refusal. */
export type UnpackOutput = Refusable<{ tree: WireTree }>;

export type UnpackTask = PoolTask<UnpackInput, UnpackOutput>;

/** An ecosystem's tarball reader: verified bytes to the path → bytes tree. */
export type TarballReader = (bytes: Uint8Array, limits: TarLimits) => Promise<PackageTree>;

/**
 * An ecosystem's tarball reader as a pool task, listed in its
 * worker-tasks.ts so the worker bundle has it (unpack-in-pool.ts runs it).
 *
 * @example
 * export const npmUnpackTask = unpackTask("npm.unpack", readTarball);
 */
export function unpackTask(id: string, read: TarballReader): UnpackTask {
  return poolTask(id, refusing(async ({ bytes, limits }: UnpackInput) => ({ tree: toWire(await read(bytes, limits)) })));
}
