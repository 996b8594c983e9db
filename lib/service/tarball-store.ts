import "server-only";
import path from "node:path";
import type { DiskBudget } from "../cache/disk-store";
import { DiskStore } from "../cache/disk-store";
import { LruCache } from "../cache/lru.mjs";
import { type FlightWork, SingleFlight } from "../cache/single-flight";
import type { PackageInfo, RegistryAdapter } from "../registry/types";
import type { PackageTree, TarLimits } from "../tarball/types";
import { checkIntegrity, type DistChecksums } from "../registry/integrity";
import { isPkgdiffError, PkgdiffError } from "../errors";
import { withDeadline } from "../deadline";
import type { TarballPeers } from "../shared/types";
import type { DiffProgress } from "./progress";

/** The header a replica presents when it copies a tarball from another (the shared secret). */
export const PEER_SECRET_HEADER = "x-pkgdiff-peer";
/** How long one copy from a peer may take before the next peer, or the registry, is asked. */
const PEER_TIMEOUT_MS = 10_000;
/** At most this many peers are tried for one tarball. */
const PEER_TRIES = 2;

/** Where a replica serves the tarballs it holds to the others (app/api/internal/tarball). */
export function peerTarballPath(key: string): string {
  return `/api/internal/tarball/${Buffer.from(key).toString("base64url")}`;
}

/**
 * Where one version's tarball lives in the caches: its content address (the
 * packument's integrity) and the checksums that verify it. Stored with a
 * computed diff, it finds the trees again without asking the registry.
 */
export interface TreeRef extends DistChecksums {
  key: string;
}

/** How one caller waits for a tree. */
export interface TreeWait {
  /** The caller has gone: it stops waiting, and the fetch stops when nobody else waits on it. */
  signal?: AbortSignal;
  /** The request's deadline (lib/deadline.ts), bounding the registry fetch this caller starts. */
  deadline?: AbortSignal;
  /** Told "fetching…", "unpacking…" (also when joining a fetch already under way). */
  onProgress?: (event: DiffProgress) => void;
  /**
   * The tree as soon as it is unpacked, while a downloaded tarball is still
   * being written to the disk cache (`kept()` says when it is): a diff
   * starts ~20–40 ms sooner. Default: once it is written.
   */
  beforeKept?: boolean;
}

/**
 * Unpacked package trees, from memory, else from the on-disk tarball cache
 * (keyed by the packument's integrity, re-verified on read), else from the
 * registry. Concurrent requests for one tarball share one fetch.
 */
export class TarballStore {
  private readonly trees: LruCache<string, PackageTree>;
  private readonly flight = new SingleFlight<string, PackageTree, DiffProgress>();
  private readonly disk: DiskStore;
  /** Downloaded tarballs being written to the disk cache, by key. */
  private readonly keeping = new Map<string, Promise<void>>();
  /** Where tarballs are kept on disk. */
  readonly diskDir: string;

  constructor(
    private readonly registry: RegistryAdapter,
    cacheDir: string,
    private readonly limits: TarLimits,
    memoryBytes: number,
    budget: DiskBudget | undefined,
    /** The ecosystem's tarball format (`Ecosystem.unpack`). */
    private readonly unpackTarball: (bytes: Uint8Array, limits: TarLimits) => Promise<PackageTree>,
    /** Other replicas that may hold a tarball (shared mode); nobody by default. */
    private readonly peers?: TarballPeers,
  ) {
    this.diskDir = path.join(cacheDir, "tarballs");
    this.disk = new DiskStore(this.diskDir, budget);
    this.trees = new LruCache({ maxBytes: memoryBytes, sizeOf: (tree) => tree.unpackedBytes + 256 * tree.entries.size, maxEntries: 64 });
  }

  refFor(pkg: PackageInfo, version: string): TreeRef {
    const meta = pkg.versions.get(version);
    // Without integrity data the bytes can't be addressed by content; key by name and version.
    const key = `${pkg.registry}:${meta?.integrity ?? meta?.shasum ?? `${pkg.name}@${version}`}`;
    return { key, integrity: meta?.integrity, shasum: meta?.shasum };
  }

  /** The tree if it is in memory (no work at all), else undefined. */
  peek(ref: TreeRef): PackageTree | undefined {
    return this.trees.get(ref.key);
  }

  /** True when the tarball is on disk, where a read verifies it: no registry fetch needed. */
  async isOnDisk(ref: TreeRef): Promise<boolean> {
    return canVerify(ref) && (await this.disk.has(ref.key));
  }

  /**
   * One version's tree. The registry fetch is shared by every caller that
   * wants it, bounded by the deadline of the caller that started it (later
   * callers' deadlines end later), and stops once all of them have gone.
   */
  async getTree(pkg: PackageInfo, version: string, wait: TreeWait = {}): Promise<PackageTree> {
    const ref = this.refFor(pkg, version);
    const cached = this.trees.get(ref.key);
    if (cached) return cached;
    const { name } = pkg;
    const work = async ({ signal, progress }: FlightWork<DiffProgress>): Promise<PackageTree> => {
      const onDisk = await this.fromDisk(ref);
      if (onDisk) {
        progress({ stage: "unpack", name, version, bytes: onDisk.byteLength });
        return this.unpack(ref, onDisk).catch((error: unknown) => rethrowFor(error, name, version));
      }
      progress({ stage: "fetch", name, version });
      // Another replica's verified copy (checked here again) spares the registry; else the registry.
      // The adapter verifies integrity before it returns; only bytes that also unpack are kept.
      const bytes = (await this.fromPeers(ref, signal)) ?? (await this.registry.getTarball(pkg, version, withDeadline(signal, wait.deadline)));
      progress({ stage: "unpack", name, version, bytes: bytes.byteLength });
      const tree = await this.unpack(ref, bytes).catch((error: unknown) => rethrowFor(error, name, version));
      if (canVerify(ref)) this.keep(ref.key, bytes);
      return tree;
    };
    const tree = await this.flight.run(ref.key, work, wait.signal, wait.onProgress);
    if (!wait.beforeKept) await this.kept(ref);
    return tree;
  }

  /** Resolves once the tarball of `ref`, if it is being written to the disk cache, is written (or failed to be). */
  kept(ref: TreeRef): Promise<void> {
    return this.keeping.get(ref.key) ?? Promise.resolve();
  }

  /** Writes verified tarball bytes to the disk cache (then tells the other replicas); a failed write only costs a refetch later. */
  private keep(key: string, bytes: Uint8Array): void {
    const writing = this.disk
      .put(key, bytes)
      .then(() => this.peers?.announce(key))
      .catch(() => undefined);
    this.keeping.set(key, writing);
    void writing.finally(() => this.keeping.delete(key));
  }

  /** The tree from memory or the disk cache only; undefined when the registry would be needed. */
  async getCachedTree(ref: TreeRef): Promise<PackageTree | undefined> {
    const cached = this.trees.get(ref.key);
    if (cached) return cached;
    const bytes = await this.fromDisk(ref);
    return bytes && this.flight.run(ref.key, () => this.unpack(ref, bytes));
  }

  /**
   * A tarball's bytes as this replica keeps them on disk, for another replica
   * to copy (it verifies them against the packument itself); undefined when
   * this replica does not hold it.
   */
  async storedBytes(key: string): Promise<Uint8Array | undefined> {
    return this.disk.get(key, () => true);
  }

  /**
   * The tarball copied from another replica that holds it, verified against
   * the packument's integrity; undefined when no peer has it, none answers in
   * time, or a copy does not verify (then the registry is asked).
   */
  private async fromPeers(ref: TreeRef, signal: AbortSignal): Promise<Uint8Array | undefined> {
    if (!this.peers || !canVerify(ref)) return undefined;
    const holders = await this.peers.holders(ref.key);
    const secret = holders.length > 0 ? await this.peers.secret() : undefined;
    if (!secret) return undefined;
    for (const base of holders.slice(0, PEER_TRIES)) {
      try {
        const response = await fetch(new URL(peerTarballPath(ref.key), base), {
          headers: { [PEER_SECRET_HEADER]: secret },
          redirect: "error",
          signal: AbortSignal.any([signal, AbortSignal.timeout(PEER_TIMEOUT_MS)]),
        });
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          continue;
        }
        const declared = Number(response.headers.get("content-length") ?? Number.NaN);
        if (Number.isFinite(declared) && declared > this.limits.maxTarballBytes) {
          await response.body?.cancel().catch(() => undefined);
          continue;
        }
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (bytes.byteLength <= this.limits.maxTarballBytes && checkIntegrity(bytes, ref).status === "ok") return bytes;
      } catch {
        if (signal.aborted) throw signal.reason;
        // this peer is gone or slow: the next one, or the registry
      }
    }
    return undefined;
  }

  /** The ecosystem unpacks (big tarballs in the worker pool); the tree is kept in memory. */
  private async unpack(ref: TreeRef, bytes: Uint8Array): Promise<PackageTree> {
    const { maxTarballBytes, maxUnpackedBytes, maxEntries } = this.limits;
    const tree = await this.unpackTarball(bytes, { maxTarballBytes, maxUnpackedBytes, maxEntries });
    this.trees.set(ref.key, tree);
    return tree;
  }

  private fromDisk(ref: TreeRef): Promise<Uint8Array | undefined> {
    if (!canVerify(ref)) return Promise.resolve(undefined);
    return this.disk.get(ref.key, (bytes) => checkIntegrity(bytes, ref).status === "ok");
  }
}

/** A reader error, saying which package's tarball it is about ("x@1.0.1: The tarball …"). */
function rethrowFor(error: unknown, name: string, version: string): never {
  if (!isPkgdiffError(error)) throw error;
  const message = `${name}@${version}: ${error.message}`;
  throw new PkgdiffError(error.kind, message, { ...error.details, packageName: name, version }, { cause: error });
}

function canVerify(ref: TreeRef): boolean {
  return Boolean(ref.integrity || ref.shasum);
}
