import { extract } from "tar-stream";
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

/** The files of a Hex package tarball's outer (uncompressed) tar, read with tar-stream, not the code under test. */
export async function outerFiles(tar: Uint8Array): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const archive = extract();
  const done = new Promise<void>((resolve, reject) => {
    archive.on("finish", resolve);
    archive.on("error", reject);
  });
  archive.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      files.set(header.name, Buffer.concat(chunks));
      next();
    });
  });
  archive.end(Buffer.from(tar));
  await done;
  return files;
}
