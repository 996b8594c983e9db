import { createGunzip } from "node:zlib";
import { extract as createExtract, type Header } from "tar-stream";
import { PkgdiffError } from "../errors";
import { formatBytes } from "../format-bytes";
import { type EntryPathOptions, toPackagePath } from "./entry-path";
import { isBinary } from "./is-binary";
import type { PackageEntry, PackageTree, TarLimits } from "./types";

/**
 * Tar bytes allowed per entry beyond its file body: a 512-byte header, up to
 * 511 bytes of padding and a pax or GNU long-name record (usually 1 KiB).
 * Generous so that no real package trips it; it only has to stop an archive
 * of endless headers or zero blocks, which tar-stream parses without end.
 */
const TAR_OVERHEAD_PER_ENTRY = 4 * 1024;
/** Plus the end-of-archive blocks and record padding, with plenty to spare. */
const TAR_OVERHEAD_FIXED = 16 * 1024 * 1024;
/** Fewer, larger chunks than zlib's 16 KiB default: less per-chunk work on big packages. */
const INFLATE_CHUNK_BYTES = 64 * 1024;

/**
 * Unpacks a gzipped npm tarball in memory, streaming, within `limits`.
 * Nothing is written to disk and nothing is inflated beyond the limits: the
 * gunzip stream is paused by backpressure and destroyed as soon as a limit is
 * crossed.
 *
 * Paths are stripped of the top folder unless `options.stripTopFolder` is
 * false (see {@link toPackagePath}); an
 * archive with an absolute or `..` path is refused as a whole. Directories are
 * not listed; symlinks, hard links, fifos and devices are listed, never read
 * or followed. A path that occurs twice keeps its last entry, as extracting
 * the archive would.
 *
 * @throws PkgdiffError `too_large` when a limit is crossed, `bad_tarball` for
 * corrupt or truncated gzip/tar data and unsafe paths.
 * @example
 * const tree = await readTarball(tgz, { maxTarballBytes: 200 * MiB, maxUnpackedBytes: GiB, maxEntries: 100_000 });
 * tree.entries.get("package.json"); // { kind: "file", path: "package.json", mode: 0o644, bytes, binary: false }
 */
export async function readTarball(gz: Uint8Array, limits: TarLimits, options: EntryPathOptions = {}): Promise<PackageTree> {
  if (gz.byteLength > limits.maxTarballBytes) {
    throw new PkgdiffError(
      "too_large",
      `The tarball is ${gz.byteLength} bytes, more than the limit of ${formatBytes(limits.maxTarballBytes, { exact: true })}.`,
    );
  }
  return packageTree(await unpack(gz, limits, options));
}

/**
 * Entries by path as a PackageTree: sorted by path (the default sort compares
 * UTF-16 code units: a stable, locale-free order), file sizes summed.
 */
export function packageTree(found: ReadonlyMap<string, PackageEntry>): PackageTree {
  const entries = new Map<string, PackageEntry>();
  let unpackedBytes = 0;
  for (const path of [...found.keys()].sort()) {
    const entry = found.get(path);
    if (entry === undefined) continue;
    entries.set(path, entry);
    if (entry.kind === "file") unpackedBytes += entry.bytes.byteLength;
  }
  return { entries, unpackedBytes };
}

/** Gunzips and untars `gz`, resolving with the entries by path in archive order. */
function unpack(gz: Uint8Array, limits: TarLimits, pathOptions: EntryPathOptions): Promise<Map<string, PackageEntry>> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK_BYTES });
    const extract = createExtract();
    const found = new Map<string, PackageEntry>();
    const maxTarBytes = limits.maxUnpackedBytes + TAR_OVERHEAD_FIXED + limits.maxEntries * TAR_OVERHEAD_PER_ENTRY;
    let tarBytes = 0;
    let fileBytes = 0;
    let entryCount = 0;
    let settled = false;

    const fail = (error: PkgdiffError): void => {
      if (settled) return;
      settled = true;
      gunzip.destroy();
      extract.destroy();
      reject(error);
    };

    // Inflated tar bytes go to tar-stream by hand rather than through pipe(),
    // so the raw size is checked before a byte is parsed and every error has
    // one place to land.
    gunzip.on("data", (chunk: Buffer) => {
      tarBytes += chunk.byteLength;
      if (tarBytes > maxTarBytes) {
        // Said in terms of the limit a user can look up: the raw cap is that limit plus room for headers.
        const inflated = formatBytes(maxTarBytes, { exact: true });
        const limit = formatBytes(limits.maxUnpackedBytes, { exact: true });
        const message = `The tarball inflates to more than ${inflated}, past the unpacked size limit of ${limit} plus room for tar headers.`;
        fail(new PkgdiffError("too_large", message));
        return;
      }
      if (!extract.write(chunk)) gunzip.pause();
    });
    extract.on("drain", () => gunzip.resume());
    gunzip.on("end", () => {
      if (tarBytes === 0) fail(new PkgdiffError("bad_tarball", "The tarball contains no tar data."));
      else extract.end(null);
    });
    gunzip.on("error", (error: Error) => fail(gzipError(error)));
    extract.on("error", (error: Error) => fail(tarError(error)));
    extract.on("finish", () => {
      if (settled) return;
      settled = true;
      resolve(found);
    });
    // Defence in depth: whatever closes the parser early must not leave the promise pending.
    extract.on("close", () => fail(new PkgdiffError("bad_tarball", "The tar archive ended unexpectedly.")));

    extract.on("entry", (header, body, next) => {
      if (settled) return;
      entryCount += 1;
      if (entryCount > limits.maxEntries) {
        fail(new PkgdiffError("too_large", `The tarball has more than the limit of ${limits.maxEntries} entries.`));
        return;
      }
      let path: string | null;
      try {
        path = toPackagePath(header.name, pathOptions);
      } catch (error) {
        fail(error instanceof PkgdiffError ? error : tarError(error));
        return;
      }
      // tar-stream never ends the body of a directory whose header declares a
      // size, so waiting for it would hang: move on at once.
      if (header.type === "directory") {
        next();
        return;
      }

      const declared = header.size ?? 0;
      const isFile = header.type === "file" || header.type === "contiguous-file";
      // Counted from the header, before a byte of the body is inflated. The
      // body cannot outgrow it: tar-stream frames entries by the declared
      // size, and a longer body is refused below all the same.
      if (isFile) {
        fileBytes += declared;
        if (fileBytes > limits.maxUnpackedBytes) {
          const limit = formatBytes(limits.maxUnpackedBytes, { exact: true });
          fail(new PkgdiffError("too_large", `The package unpacks to more than the limit of ${limit}.`));
          return;
        }
      }
      // Chunks are kept per entry and joined once: concatenating on every
      // chunk would be quadratic on large files.
      const chunks: Uint8Array[] = [];
      let received = 0;
      body.on("data", (chunk) => {
        if (!(chunk instanceof Uint8Array)) {
          fail(tarError(new Error("the tar parser produced something other than bytes")));
          return;
        }
        received += chunk.byteLength;
        if (received > declared) {
          fail(tarError(new Error(`entry ${JSON.stringify(header.name)} is longer than its header declares`)));
          return;
        }
        // Bodies of links and devices are drained, never kept.
        if (isFile && path !== null) chunks.push(chunk);
      });
      body.on("error", (error: Error) => fail(tarError(error)));
      body.on("end", () => {
        if (settled) return;
        if (received !== declared) {
          fail(tarError(new Error(`entry ${JSON.stringify(header.name)} is truncated`)));
          return;
        }
        if (path !== null) found.set(path, toEntry(path, header, chunks));
        next();
      });
    });

    gunzip.end(gz);
  });
}

/** Builds the listed entry for one tar header; `chunks` is the body of a file. */
function toEntry(path: string, header: Header, chunks: Uint8Array[]): PackageEntry {
  const mode = (header.mode ?? 0) & 0o7777;
  switch (header.type) {
    case "file":
    case "contiguous-file": {
      const bytes = Buffer.concat(chunks);
      return { kind: "file", path, mode, bytes, binary: isBinary(bytes) };
    }
    case "symlink":
      return { kind: "symlink", path, mode, tarType: header.type, ...linkTarget(header) };
    case "link":
      return { kind: "hardlink", path, mode, tarType: header.type, ...linkTarget(header) };
    default:
      // Devices, fifos, and type flags tar-stream does not know (GNU sparse,
      // volume headers...), which it reports as null whatever its types say.
      return { kind: "other", path, mode, tarType: header.type ?? "unknown" };
  }
}

function linkTarget(header: Header): { linkTarget?: string } {
  return typeof header.linkname === "string" ? { linkTarget: header.linkname } : {};
}

function gzipError(error: Error): PkgdiffError {
  const truncated = "code" in error && error.code === "Z_BUF_ERROR";
  const message = truncated
      ? "The tarball is truncated: its gzip data ends early."
      : `The tarball is not valid gzip data (${error.message}).`;
  return new PkgdiffError("bad_tarball", message, {}, { cause: error });
}

function tarError(error: unknown): PkgdiffError {
  const detail = error instanceof Error ? error.message : String(error);
  const message =
    detail === "Unexpected end of data"
      ? "The tar archive in the tarball is truncated."
      : `The tarball does not hold a valid tar archive (${tarDetail(detail)}).`;
  return new PkgdiffError("bad_tarball", message, {}, { cause: error });
}

/**
 * tar-stream's words for a bad header checksum ("Invalid tar header. Maybe
 * the tar is corrupted or it needs to be gunzipped?") would send a user
 * looking for a gzip problem: the tarball was gunzipped already.
 */
function tarDetail(detail: string): string {
  return detail.startsWith("Invalid tar header") ? "a tar header is corrupt" : detail;
}
