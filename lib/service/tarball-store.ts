import "server-only";
import path from "node:path";
import { DiskStore } from "../cache/disk-store";
import { LruCache } from "../cache/lru";
import { SingleFlight } from "../cache/single-flight";
import type { PackageInfo, RegistryAdapter } from "../registry/types";
import { readTarball } from "../tarball/read-tarball";
import type { PackageTree, TarLimits } from "../tarball/types";
import { checkIntegrity } from "../registry/integrity";

/**
 * Unpacked package trees, from memory, else from the on-disk tarball cache
 * (keyed by the packument's integrity, re-verified on read), else from the
 * registry. Concurrent requests for one tarball share one fetch.
 */
export class TarballStore {
  private readonly trees: LruCache<string, PackageTree>;
  private readonly flight = new SingleFlight<string, PackageTree>();
  private readonly disk: DiskStore;

  constructor(
    private readonly registry: RegistryAdapter,
    cacheDir: string,
    private readonly limits: TarLimits,
    memoryBytes: number,
  ) {
    this.disk = new DiskStore(path.join(cacheDir, "tarballs"));
    this.trees = new LruCache(memoryBytes, (tree) => tree.unpackedBytes + 256 * tree.entries.size, 64);
  }

  async getTree(pkg: PackageInfo, version: string, signal?: AbortSignal): Promise<PackageTree> {
    const meta = pkg.versions.get(version);
    // Without integrity data the bytes can't be addressed by content; key by name and version.
    const key = `${pkg.registry}:${meta?.integrity ?? meta?.shasum ?? `${pkg.name}@${version}`}`;
    const cached = this.trees.get(key);
    if (cached) return cached;
    return this.flight.run(key, async () => {
      const tree = await readTarball(await this.getBytes(key, pkg, version, signal), this.limits);
      this.trees.set(key, tree);
      return tree;
    });
  }

  private async getBytes(key: string, pkg: PackageInfo, version: string, signal?: AbortSignal): Promise<Uint8Array> {
    const meta = pkg.versions.get(version);
    const canVerify = Boolean(meta?.integrity || meta?.shasum);
    if (meta && canVerify) {
      const hit = await this.disk.get(key, (bytes) => checkIntegrity(bytes, meta).status === "ok");
      if (hit) return hit;
    }
    const bytes = await this.registry.getTarball(pkg, version, signal);
    if (canVerify) {
      // A failed cache write only costs a refetch later; never fail the request for it.
      await this.disk.put(key, bytes).catch(() => undefined);
    }
    return bytes;
  }
}
