/** One entry of an unpacked package, keyed by its path with the top folder stripped. */
export type PackageEntry = PackageFile | PackageSpecialEntry;

export interface PackageFile {
  kind: "file";
  /** Path inside the package, top folder stripped, `/`-separated, no leading `/`. */
  path: string;
  /** Unix permission bits (e.g. 0o644, 0o755). */
  mode: number;
  bytes: Uint8Array;
  /** Decided from the content (NUL bytes / invalid UTF-8 in the first 8 KiB), not the extension. */
  binary: boolean;
}

/** Symlinks, hard links, devices, fifos: listed, never followed or read. */
export interface PackageSpecialEntry {
  kind: "symlink" | "hardlink" | "other";
  path: string;
  mode: number;
  /** Link target for symlinks and hard links, as written in the archive. */
  linkTarget?: string;
  /** The tar entry type, e.g. "character-device". */
  tarType: string;
}

export interface PackageTree {
  /** Sorted by path. Directories are implied by paths and not listed. */
  entries: Map<string, PackageEntry>;
  /** Sum of file sizes. */
  unpackedBytes: number;
}

export interface TarLimits {
  maxTarballBytes: number;
  maxUnpackedBytes: number;
  maxEntries: number;
}
