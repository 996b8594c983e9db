import { createHash, timingSafeEqual } from "node:crypto";
import { extract as createExtract } from "tar-stream";
import { type ErrorDetails, PkgdiffError } from "../../errors";
import { formatBytes } from "../../format-bytes";
import { readTarball } from "../../tarball/read-tarball";
import { isBinary } from "../../tarball/is-binary";
import type { PackageEntry, PackageTree, TarLimits } from "../../tarball/types";
import { type HexMetadata, parseHexMetadata } from "./metadata";

/*
 * Hex package tarballs, version 3
 * (https://github.com/hexpm/specifications/blob/main/package_tarball.md):
 * an uncompressed tar of exactly VERSION, CHECKSUM, metadata.config and
 * contents.tar.gz. Checked in two steps, like npm's: `verifyHexTarball`
 * when the bytes arrive (against the signed registry's checksums), and
 * `unpackHexTarball` when they are read (self-consistency, then contents).
 */

/** hex_core's own bounds (hex_tarball.erl, TARBALL_MAX_SIZE / TARBALL_MAX_UNCOMPRESSED_SIZE); ours apply too, the smaller wins. */
export const HEX_MAX_TARBALL_BYTES = 16 * 1024 * 1024;
export const HEX_MAX_UNPACKED_BYTES = 128 * 1024 * 1024;

const OUTER_FILES = ["VERSION", "CHECKSUM", "metadata.config", "contents.tar.gz"] as const;
type OuterFile = (typeof OUTER_FILES)[number];

export interface HexChecksums {
  /** The registry's `Release.outer_checksum`: SHA-256 of the whole tarball. */
  outerChecksum?: Uint8Array;
  /** The registry's `Release.inner_checksum`, checked only when there is no outer one. */
  innerChecksum?: Uint8Array;
}

export interface HexPackageContents {
  /** The package's files by path, as published (no top folder: `mix.exs` is at the root). */
  tree: PackageTree;
  metadata: HexMetadata;
  /** metadata.config as published, to show beside the structured view. */
  metadataConfig: Uint8Array;
}

/** Who the bytes are, for messages: `decimal`, `2.1.1`. */
export interface TarballSubject {
  name: string;
  version: string;
}

/**
 * Verifies downloaded tarball bytes against the signed registry: the
 * SHA-256 of the whole file against `outer_checksum`; for a release that
 * has only an inner checksum (older registries), the CHECKSUM file against
 * it (unpackHexTarball then checks CHECKSUM against the contents).
 *
 * @throws PkgdiffError `integrity` when a checksum does not match or the
 * registry gives none; `too_large` past Hex's 16 MiB.
 * @example
 * await verifyHexTarball(bytes, release, { name: "decimal", version: "2.1.1" });
 */
export async function verifyHexTarball(tar: Uint8Array, checksums: HexChecksums, subject: TarballSubject): Promise<void> {
  const details: ErrorDetails = { packageName: subject.name, version: subject.version };
  const label = `The tarball of ${subject.name} ${subject.version}`;
  checkSize(tar, HEX_MAX_TARBALL_BYTES, label, details);
  if (checksums.outerChecksum !== undefined && checksums.outerChecksum.byteLength > 0) {
    const actual = createHash("sha256").update(tar).digest();
    if (!sameBytes(actual, checksums.outerChecksum)) {
      throw new PkgdiffError("integrity", `${label} does not match the registry's outer checksum (SHA-256 of the whole file)`, details);
    }
    return;
  }
  if (checksums.innerChecksum !== undefined && checksums.innerChecksum.byteLength > 0) {
    const files = await readOuterTar(tar, label, details);
    const stated = decodeChecksumFile(files.get("CHECKSUM"), label, details);
    if (!sameBytes(stated, checksums.innerChecksum)) {
      throw new PkgdiffError("integrity", `${label} does not match the registry's inner checksum (its CHECKSUM file differs)`, details);
    }
    return;
  }
  throw new PkgdiffError("integrity", `The registry gives no checksum for ${subject.name} ${subject.version}, so its tarball cannot be verified`, details);
}

/**
 * Reads a verified tarball: VERSION must be "3", CHECKSUM must be the
 * SHA-256 of VERSION + metadata.config + contents.tar.gz (the spec's inner
 * checksum), metadata.config must parse, and contents.tar.gz is unpacked
 * in memory with pkgdiff's path rules and the smaller of each limit.
 *
 * @throws PkgdiffError `bad_tarball` (wrong layout, VERSION, metadata, unsafe
 * paths), `integrity` (CHECKSUM), `too_large` (a limit).
 * @example
 * const { tree, metadata } = await unpackHexTarball(bytes, limits, { name: "decimal", version: "2.1.1" });
 * tree.entries.has("mix.exs"); // true
 */
export async function unpackHexTarball(tar: Uint8Array, limits: TarLimits, subject?: TarballSubject): Promise<HexPackageContents> {
  const details: ErrorDetails = subject ? { packageName: subject.name, version: subject.version } : {};
  const label = subject ? `The tarball of ${subject.name} ${subject.version}` : "The Hex tarball";
  const maxTarball = Math.min(limits.maxTarballBytes, HEX_MAX_TARBALL_BYTES);
  checkSize(tar, maxTarball, label, details);
  const files = await readOuterTar(tar, label, details);
  const file = (name: OuterFile): Uint8Array => files.get(name) ?? new Uint8Array(0);

  const version = Buffer.from(file("VERSION")).toString("latin1");
  if (version !== "3") {
    const shown = JSON.stringify(version.slice(0, 20));
    throw new PkgdiffError("bad_tarball", `${label} is Hex tarball version ${shown}; pkgdiff reads version "3"`, details);
  }
  const stated = decodeChecksumFile(files.get("CHECKSUM"), label, details);
  const actual = createHash("sha256").update(file("VERSION")).update(file("metadata.config")).update(file("contents.tar.gz")).digest();
  if (!sameBytes(actual, stated)) {
    throw new PkgdiffError(
      "integrity",
      `${label} fails its inner checksum: CHECKSUM is not the SHA-256 of VERSION, metadata.config and contents.tar.gz`,
      details,
    );
  }
  const metadata = await withDetails(() => parseHexMetadata(file("metadata.config")), details);
  const tree = await withDetails(
    () =>
      readTarball(
        file("contents.tar.gz"),
        {
          maxTarballBytes: maxTarball,
          maxUnpackedBytes: Math.min(limits.maxUnpackedBytes, HEX_MAX_UNPACKED_BYTES),
          maxEntries: limits.maxEntries,
        },
        // Hex stores files at the root of contents.tar.gz: nothing to strip.
        { stripTopFolder: false },
      ),
    details,
  );
  return { tree, metadata, metadataConfig: file("metadata.config") };
}

/** Where hex_core's unpack (and so diff.hex.pm) puts metadata.config beside the contents. */
export const HEX_METADATA_FILE = "hex_metadata.config";

/**
 * The tree pkgdiff diffs and browses (the `Ecosystem.unpack` shape): the
 * package's files plus metadata.config as `hex_metadata.config`, as
 * hex_core's hex_tarball:unpack/2 writes it into the unpacked folder, so a
 * change of requirements or description shows in the diff too. It
 * replaces a file of that name in the contents, as hex_core's does.
 *
 * @example
 * (await unpackHexTree(bytes, limits)).entries.has("hex_metadata.config"); // true
 */
export async function unpackHexTree(tar: Uint8Array, limits: TarLimits, subject?: TarballSubject): Promise<PackageTree> {
  const { tree, metadataConfig } = await unpackHexTarball(tar, limits, subject);
  const metadataEntry: PackageEntry = { kind: "file", path: HEX_METADATA_FILE, mode: 0o644, bytes: metadataConfig, binary: isBinary(metadataConfig) };
  const merged = new Map(tree.entries);
  const replaced = merged.get(HEX_METADATA_FILE);
  merged.set(HEX_METADATA_FILE, metadataEntry);
  const entries = new Map([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const removedBytes = replaced?.kind === "file" ? replaced.bytes.byteLength : 0;
  return { entries, unpackedBytes: tree.unpackedBytes - removedBytes + metadataConfig.byteLength };
}

/** The outer tar's four files; anything else in it (another file, a link, a folder) is refused, as hex_core does. */
function readOuterTar(tar: Uint8Array, label: string, details: ErrorDetails): Promise<Map<OuterFile, Uint8Array>> {
  return new Promise((resolve, reject) => {
    const extract = createExtract();
    const files = new Map<OuterFile, Uint8Array>();
    let settled = false;
    const fail = (message: string, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      extract.destroy();
      reject(new PkgdiffError("bad_tarball", `${label} ${message}`, details, { cause }));
    };
    extract.on("entry", (header, body, next) => {
      const name = OUTER_FILES.find((known) => known === header.name);
      if (name === undefined || header.type !== "file" || files.has(name)) {
        fail(`is not a Hex package tarball: it holds ${header.type ?? "an entry"} ${JSON.stringify(header.name.slice(0, 100))}`);
        return;
      }
      const chunks: Uint8Array[] = [];
      body.on("data", (chunk: unknown) => {
        if (chunk instanceof Uint8Array) chunks.push(chunk);
      });
      body.on("error", (error: Error) => fail("is not a valid tar archive", error));
      body.on("end", () => {
        files.set(name, Buffer.concat(chunks));
        next();
      });
    });
    extract.on("error", (error: Error) => fail("is not a valid tar archive", error));
    extract.on("finish", () => {
      if (settled) return;
      const missing = OUTER_FILES.filter((name) => !files.has(name));
      if (missing.length > 0) {
        fail(`is not a Hex package tarball: it has no ${missing.join(", ")}`);
        return;
      }
      settled = true;
      resolve(files);
    });
    extract.end(Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength));
  });
}

/** CHECKSUM is base16 SHA-256, upper case as hex_core writes it; either case is read. */
function decodeChecksumFile(bytes: Uint8Array | undefined, label: string, details: ErrorDetails): Uint8Array {
  const text = Buffer.from(bytes ?? new Uint8Array(0)).toString("latin1");
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new PkgdiffError("bad_tarball", `${label} has a CHECKSUM file that is not a base16 SHA-256`, details);
  }
  return Buffer.from(text, "hex");
}

function checkSize(tar: Uint8Array, max: number, label: string, details: ErrorDetails): void {
  if (tar.byteLength > max) {
    throw new PkgdiffError("too_large", `${label} is ${formatBytes(tar.byteLength)}, more than the limit of ${formatBytes(max)}`, details);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/** Errors from the metadata and contents readers, with the package named in their details. */
async function withDetails<T>(run: () => T | Promise<T>, details: ErrorDetails): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof PkgdiffError)) throw error;
    throw new PkgdiffError(error.kind, error.message, { ...details, ...error.details }, { cause: error.cause });
  }
}
