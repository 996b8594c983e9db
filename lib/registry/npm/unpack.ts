import { readTarball } from "../../tarball/read-tarball";
import { unpackInPool } from "../unpack-in-pool";
import { npmUnpackTask } from "./worker-tasks";

/**
 * An npm tarball (one gzip, one top folder, usually `package/`, stripped)
 * as a tree; a big one is unpacked in the worker pool.
 */
export const unpackNpmTarball = unpackInPool(readTarball, npmUnpackTask);
