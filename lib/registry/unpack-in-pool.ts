import { PkgdiffError } from "../errors";
import { fromWire } from "../tarball/wire-tree";
import { isTaskTimeout } from "../workers/errors";
import { getEnginePool } from "../workers/pool";
import { SMALL_INPUT_BYTES } from "../workers/pooled";
import { rethrowRefusal } from "../workers/task";
import type { TarballReader, UnpackTask } from "./unpack-task";

/** A tarball that takes longer than this to unpack (200 MiB at most) is refused. */
const UNPACK_TIMEOUT_MS = 120_000;

/**
 * `Ecosystem.unpack` from a reader and its pool task: gunzip and untar of
 * a big tarball run in a worker thread, since tens of MB of inflating and
 * parsing would otherwise stall every other request; the tree comes back
 * in one transferred buffer. A small tarball is read on this thread (see
 * SMALL_INPUT_BYTES).
 *
 * @example
 * const unpackNpmTarball = unpackInPool(readTarball, npmUnpackTask);
 */
export function unpackInPool(read: TarballReader, task: UnpackTask): TarballReader {
  return async (bytes, limits) => {
    if (bytes.byteLength <= SMALL_INPUT_BYTES) return read(bytes, limits);
    const seconds = UNPACK_TIMEOUT_MS / 1000;
    const out = await getEnginePool()
      .run(task, { bytes, limits }, { timeoutMs: UNPACK_TIMEOUT_MS })
      .catch((error: unknown) => {
        if (!isTaskTimeout(error)) throw error;
        throw new PkgdiffError("too_large", `The tarball took longer than ${seconds} s to unpack.`);
      });
    if (!out.ok) rethrowRefusal(out);
    return fromWire(out.tree);
  };
}
