import { PkgdiffError } from "../../errors";
import { readTarball } from "../../tarball/read-tarball";
import type { PackageTree, TarLimits } from "../../tarball/types";
import { fromWire } from "../../tarball/wire-tree";
import { isTaskTimeout } from "../../workers/errors";
import { getEnginePool } from "../../workers/pool";
import { SMALL_INPUT_BYTES } from "../../workers/pooled";
import { rethrowRefusal } from "../../workers/tasks";

/** A tarball that takes longer than this to unpack (200 MiB at most) is refused. */
const UNPACK_TIMEOUT_MS = 120_000;

/**
 * An npm tarball (one gzip, one top folder, usually `package/`, stripped)
 * as a tree. Gunzip and untar of a big tarball run in a worker thread
 * (`unpack` task): tens of MB of inflating and parsing would otherwise
 * stall every other request. The tree comes back in one transferred
 * buffer. A small tarball is unpacked here (see SMALL_INPUT_BYTES).
 */
export function unpackNpmTarball(bytes: Uint8Array, limits: TarLimits): Promise<PackageTree> {
  return bytes.byteLength <= SMALL_INPUT_BYTES ? readTarball(bytes, limits) : unpackInPool(bytes, limits);
}

async function unpackInPool(bytes: Uint8Array, limits: TarLimits): Promise<PackageTree> {
  const seconds = UNPACK_TIMEOUT_MS / 1000;
  const out = await getEnginePool()
    .run("unpack", { bytes, limits }, { timeoutMs: UNPACK_TIMEOUT_MS })
    .catch((error: unknown) => {
      if (!isTaskTimeout(error)) throw error;
      throw new PkgdiffError("too_large", `The tarball took longer than ${seconds} s to unpack.`);
    });
  if (!out.ok) rethrowRefusal(out);
  return fromWire(out.tree);
}
