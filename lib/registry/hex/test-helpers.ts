import { gzipSync } from "node:zlib";
import { readTgz } from "../../../fixtures/test-tar";
import { type PkgdiffError, isPkgdiffError } from "../../errors";

/**
 * The PkgdiffError that `run` throws or rejects with; fails the test on
 * anything else, and when nothing fails.
 */
export async function refusal(run: () => unknown): Promise<PkgdiffError> {
  try {
    await run();
  } catch (error) {
    if (isPkgdiffError(error)) return error;
    throw error;
  }
  throw new Error("expected a PkgdiffError, nothing failed");
}

/**
 * The files of a Hex package tarball's outer (uncompressed) tar, read by
 * the fixtures' tar reader, not the code under test (it wants gzip, so it
 * gets some).
 */
export async function outerFiles(tar: Uint8Array): Promise<Map<string, Buffer>> {
  const entries = await readTgz(gzipSync(tar));
  return new Map([...entries].map(([name, entry]) => [name, entry.bytes]));
}
