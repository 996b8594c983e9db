import "server-only";
import { LruCache } from "../cache/lru";
import { recordServedPackage } from "../search/index-asset";
import { SingleFlight } from "../cache/single-flight";
import type { Limits } from "../config";
import { diffTreesPooled } from "../workers/pooled";
import { getEnginePool } from "../workers/pool";
import type { DiffTotals, FileDiff } from "../diff/types";
import type { PackageInfo, RegistryAdapter } from "../registry/types";
import type { PackageTree } from "../tarball/types";
import { TarballStore } from "./tarball-store";

/** Bump when the engine's output changes, so cached diffs of the old engine are never served. */
export const ENGINE_VERSION = 2;

export interface DiffOptions {
  ignoreWhitespace: boolean;
}

export interface DiffResult {
  /** Content-addressed cache key: registry, name, versions, options, engine version. */
  key: string;
  name: string;
  from: string;
  to: string;
  options: DiffOptions;
  files: FileDiff[];
  totals: DiffTotals;
  oldTree: PackageTree;
  newTree: PackageTree;
}

/** Everything the pages and endpoints need from packages: packuments, trees and diffs, cached. */
export class PkgdiffService {
  readonly tarballs: TarballStore;
  private readonly diffs: LruCache<string, DiffResult>;
  private readonly flight = new SingleFlight<string, DiffResult>();

  constructor(
    readonly registry: RegistryAdapter,
    cacheDir: string,
    private readonly limits: Limits,
  ) {
    this.tarballs = new TarballStore(registry, cacheDir, limits, 1024 * 1024 * 1024);
    // Diff results hold the two trees (already counted by the tarball cache) plus hunks.
    this.diffs = new LruCache(256 * 1024 * 1024, (d) => estimateDiffBytes(d.files), 32);
  }

  getPackage(name: string, signal?: AbortSignal): Promise<PackageInfo> {
    return this.registry.getPackage(name, signal);
  }

  async getTree(name: string, version: string, signal?: AbortSignal): Promise<PackageTree> {
    const pkg = await this.registry.getPackage(name, signal);
    return this.tarballs.getTree(pkg, version, signal);
  }

  /**
   * A computed diff of two exact versions if it is in memory, without asking
   * the registry: canonical URLs whose diff is cached need no packument.
   */
  peekDiff(name: string, from: string, to: string, options: DiffOptions): DiffResult | undefined {
    return this.diffs.get(diffKey(this.registry.id, name, from, to, options));
  }

  /** The diff of two exact versions. Callers resolve tags and ranges first (`resolveDiffRoute`). */
  async getDiff(name: string, from: string, to: string, options: DiffOptions, signal?: AbortSignal): Promise<DiffResult> {
    const key = diffKey(this.registry.id, name, from, to, options);
    const cached = this.diffs.get(key);
    if (cached) return cached;
    return this.flight.run(key, async () => {
      const pkg = await this.registry.getPackage(name, signal);
      const [oldTree, newTree] = await Promise.all([
        this.tarballs.getTree(pkg, from, signal),
        this.tarballs.getTree(pkg, to, signal),
      ]);
      // Line diffs run in worker threads: a huge package never stalls other requests.
      const { files, totals } = await diffTreesPooled(getEnginePool(), oldTree, newTree, {
        ignoreWhitespace: options.ignoreWhitespace,
        maxFileBytes: this.limits.maxDiffFileBytes,
        budgetMs: this.limits.diffFileBudgetMs,
      });
      const result: DiffResult = { key, name, from, to, options, files, totals, oldTree, newTree };
      this.diffs.set(key, result);
      recordServedPackage(name); // joins the search index (lib/search)
      return result;
    });
  }
}

export function diffKey(registry: string, name: string, from: string, to: string, options: DiffOptions): string {
  return `v${ENGINE_VERSION}:${registry}:${name}@${from}..${to}:w=${options.ignoreWhitespace ? 1 : 0}`;
}

function estimateDiffBytes(files: FileDiff[]): number {
  let bytes = 0;
  for (const file of files) {
    bytes += 200 + file.path.length * 2;
    for (const hunk of file.hunks ?? []) for (const line of hunk.lines) bytes += 40 + line.length * 2;
  }
  return bytes;
}
