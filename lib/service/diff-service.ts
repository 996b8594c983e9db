import "server-only";
import path from "node:path";
import { DiskBudget, DiskStore } from "../cache/disk-store";
import { LruCache } from "../cache/lru.mjs";
import { type FlightWork, SingleFlight } from "../cache/single-flight";
import type { AdmissionLimits, CacheSizes, Limits } from "../config.mjs";
import { diffTreesPooled } from "../workers/pooled";
import { getEnginePool } from "../workers/pool";
import type { DiffTotals, FileDiff } from "../diff/types";
import type { Ecosystem } from "../registry/ecosystem";
import type { PackageInfo, RegistryAdapter } from "../registry/types";
import type { PackageTree } from "../tarball/types";
import { isPkgdiffError } from "../errors";
import { namingDeadline, withDeadline } from "../deadline";
import { summarize } from "../review/summarize";
import { diffPath } from "../routes/diff-path";
import { REVIEW_VERSION, type ReviewSummary } from "../review/types";
import { Admission, MissRateLimiter } from "./admission";
import { DiffStore, type StoredDiff } from "./diff-store";
import { carriedFields, releaseMeta } from "./release-meta";
import type { DiffProgress } from "./progress";
import { type RequestContext, upstreamSignal } from "./request-context";
import { TarballStore } from "./tarball-store";

/**
 * Bump when the engine's output changes, so cached diffs of the old engine
 * are never served. 3: diffs carry their review summary (whose own version,
 * REVIEW_VERSION, is in the key too).
 */
export const ENGINE_VERSION = 3;

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
  /** What a reviewer must see first (lib/review); computed with the diff, cached with it. */
  summary?: ReviewSummary;
}

/**
 * What the services of all ecosystems share in one process: one disk
 * budget over the cache folders, one admission cap, one miss budget per
 * client (`createSharedResources`).
 */
export interface SharedResources {
  diskBudget: DiskBudget;
  admission: Admission;
  missLimiter: MissRateLimiter;
}

export interface ServiceHooks {
  /** Shared with the other ecosystems' services; a service of its own when absent. */
  shared?: SharedResources;
  /** Told about each newly computed diff (the instance wires the search index's served names). */
  onComputed?: (name: string) => void;
}

export function createSharedResources({ cacheDir, cache, admission }: ServiceSettings): SharedResources {
  return {
    diskBudget: new DiskBudget(Object.values(cacheDirs(cacheDir)), cache.diskBytes),
    admission: new Admission(admission.maxActive, admission.maxQueued),
    missLimiter: new MissRateLimiter(admission.missesPerWindow, admission.windowSeconds),
  };
}

function cacheDirs(cacheDir: string): { tarballs: string; diffs: string } {
  return { tarballs: path.join(cacheDir, "tarballs"), diffs: path.join(cacheDir, "diffs") };
}

export interface ServiceSettings {
  cacheDir: string;
  limits: Limits;
  cache: CacheSizes;
  admission: AdmissionLimits;
}

/**
 * Everything the pages and endpoints need from one ecosystem's packages:
 * packuments, trees and diffs (keyed by the ecosystem's id). Diffs come from memory, else from disk (hunks + the trees'
 * cache addresses), else are computed — one computation per key however
 * many ask, within the admission cap and the asking client's miss budget.
 */
export class PkgdiffService {
  readonly tarballs: TarballStore;
  readonly diskBudget: DiskBudget;
  readonly admission: Admission;
  private readonly missLimiter: MissRateLimiter;
  private readonly stored: DiffStore;
  private readonly diffs: LruCache<string, DiffResult>;
  private readonly flight = new SingleFlight<string, DiffResult, DiffProgress>();
  private readonly restoring = new SingleFlight<string, DiffResult | undefined>();
  private readonly treeFlight = new SingleFlight<string, PackageTree, DiffProgress>();

  private readonly onComputed: (name: string) => void;

  constructor(
    readonly ecosystem: Ecosystem,
    readonly registry: RegistryAdapter,
    private readonly settings: ServiceSettings,
    hooks: ServiceHooks = {},
  ) {
    const { cacheDir, limits, cache } = settings;
    const dirs = cacheDirs(cacheDir);
    const shared = hooks.shared ?? createSharedResources(settings);
    this.onComputed = hooks.onComputed ?? (() => undefined);
    this.diskBudget = shared.diskBudget;
    this.tarballs = new TarballStore(registry, cacheDir, limits, cache.treeMemoryBytes, this.diskBudget, ecosystem.unpack);
    this.stored = new DiffStore(new DiskStore(dirs.diffs, this.diskBudget));
    // Diff results hold the two trees (already counted by the tarball cache) plus hunks.
    this.diffs = new LruCache({ maxBytes: cache.diffMemoryBytes, sizeOf: (d) => estimateDiffBytes(d.files), maxEntries: 32 });
    this.admission = shared.admission;
    this.missLimiter = shared.missLimiter;
  }

  /** The package's metadata; `signal` may carry the request's deadline (a 504 naming the package when it passes). */
  getPackage(name: string, signal?: AbortSignal): Promise<PackageInfo> {
    return namingDeadline(this.registry.getPackage(name, signal), name, { packageName: name });
  }

  /**
   * One version's tree. A tree in memory costs nothing; one unpacked from
   * the disk cache goes through admission; one that needs the registry also
   * counts against the client's miss budget — only for the request that
   * starts the work, not for those that join it.
   */
  async getTree(name: string, version: string, context: RequestContext = {}): Promise<PackageTree> {
    const pkg = await this.getPackage(name, upstreamSignal(context));
    const ref = this.tarballs.refFor(pkg, version);
    const inMemory = this.tarballs.peek(ref);
    if (inMemory) {
      context.cache ??= "hit";
      return inMemory;
    }
    const cached = await this.tarballs.isOnDisk(ref);
    context.cache = cached ? (context.cache ?? "hit") : "miss";
    const { deadline } = context;
    return this.charged(cached ? undefined : context.client, this.treeFlight, ref.key, context, ({ signal, progress }) =>
      this.admission.run(() => this.tarballs.getTree(pkg, version, { signal, deadline, onProgress: progress })),
    );
  }

  /**
   * True when the diff of two exact versions is in memory or on disk:
   * canonical URLs whose diff is cached need no packument to be served again.
   */
  async hasDiff(name: string, from: string, to: string, options: DiffOptions): Promise<boolean> {
    const key = diffKey(this.registry.id, name, from, to, options);
    return this.diffs.get(key) !== undefined || (await this.stored.has(key));
  }

  /** The diff of two exact versions. Callers resolve tags and ranges first (`resolveDiffRoute`). */
  async getDiff(name: string, from: string, to: string, options: DiffOptions, context: RequestContext = {}): Promise<DiffResult> {
    const key = diffKey(this.registry.id, name, from, to, options);
    const inMemory = this.diffs.get(key);
    if (inMemory) {
      context.cache ??= "hit";
      return inMemory;
    }
    const restored = await this.restoring.run(key, () => this.restore(key, name, from, to, options), context.signal);
    if (restored) {
      context.cache ??= "hit";
      return restored;
    }
    context.cache = "miss";
    const { deadline } = context;
    return this.charged(context.client, this.flight, key, context, (job) =>
      this.admission.run(() => this.compute(key, name, from, to, options, job, deadline)),
    );
  }

  /**
   * Joins the computation in flight for `key`, or starts it — and only the
   * request that starts it pays one miss from its client's budget (given
   * back if admission then refuses the work). A 429 is thrown before the
   * flight exists, so it never reaches requests that would have joined.
   * The request waits with its own signal (see SingleFlight) and hears the
   * computation's progress, from its start when it joins late.
   */
  private async charged<V>(
    client: string | undefined,
    flight: SingleFlight<string, V, DiffProgress>,
    key: string,
    context: RequestContext,
    work: (job: FlightWork<DiffProgress>) => Promise<V>,
  ): Promise<V> {
    const starts = !flight.has(key);
    if (starts) this.missLimiter.take(client);
    try {
      return await flight.run(key, work, context.signal, context.onProgress);
    } catch (error) {
      if (starts && isPkgdiffError(error) && error.kind === "overloaded") this.missLimiter.refund(client);
      throw error;
    }
  }

  /**
   * A diff from disk whose trees are still cached; undefined sends it to
   * `compute`. Unpacking trees from the disk cache is work, so it is admitted
   * like a computation (but charged to nobody).
   */
  private async restore(key: string, name: string, from: string, to: string, options: DiffOptions): Promise<DiffResult | undefined> {
    const stored = await this.stored.get(key);
    if (!stored) return undefined;
    const [oldPeek, newPeek] = [this.tarballs.peek(stored.old), this.tarballs.peek(stored.new)];
    const [oldTree, newTree] =
      oldPeek && newPeek
        ? [oldPeek, newPeek]
        : await this.admission.run(() => Promise.all([this.tarballs.getCachedTree(stored.old), this.tarballs.getCachedTree(stored.new)]));
    if (!oldTree || !newTree) return undefined;
    const result: DiffResult = { key, name, from, to, options, files: stored.files, totals: stored.totals, oldTree, newTree };
    if (stored.summary) result.summary = stored.summary;
    this.diffs.set(key, result);
    return result;
  }

  /**
   * Fetches, unpacks and diffs, reporting each step. `job.signal` aborts once
   * every request waiting on it has gone; registry waits are also bounded by
   * the deadline of the request that started it (those that joined later
   * have later ones).
   */
  private async compute(
    key: string,
    name: string,
    from: string,
    to: string,
    options: DiffOptions,
    { signal, progress }: FlightWork<DiffProgress>,
    deadline?: AbortSignal,
  ): Promise<DiffResult> {
    const pkg = await this.getPackage(name, withDeadline(signal, deadline));
    const wait = { signal, deadline, onProgress: progress };
    const [oldTree, newTree] = await Promise.all([this.tarballs.getTree(pkg, from, wait), this.tarballs.getTree(pkg, to, wait)]);
    progress({ stage: "diff", files: new Set([...oldTree.entries.keys(), ...newTree.entries.keys()]).size });
    // Line diffs run in worker threads: a huge package never stalls other requests.
    const { files, totals } = await diffTreesPooled(
      getEnginePool(),
      oldTree,
      newTree,
      {
        ignoreWhitespace: options.ignoreWhitespace,
        maxFileBytes: this.settings.limits.maxDiffFileBytes,
        budgetMs: this.settings.limits.diffFileBudgetMs,
      },
      {},
      signal,
    );
    const result: DiffResult = { key, name, from, to, options, files, totals, oldTree, newTree };
    const summary = this.summarize(pkg, result);
    if (summary) result.summary = summary;
    this.diffs.set(key, result);
    const entry: StoredDiff = { key, files, totals, old: this.tarballs.refFor(pkg, from), new: this.tarballs.refFor(pkg, to) };
    if (summary) entry.summary = summary;
    // A failed cache write costs a recomputation after a restart, never this response.
    await this.stored.put(entry).catch(() => undefined);
    this.onComputed(name);
    return result;
  }

  /**
   * The review summary, from what the diff already holds (no second pass
   * over the trees); a rule that fails costs the summary, never the diff.
   */
  private summarize(pkg: PackageInfo, diff: DiffResult): ReviewSummary | undefined {
    try {
      const carried = carriedFields(pkg);
      return summarize({
        rules: this.ecosystem.review,
        dependencyLink: (name, from, to) => diffPath(name, from, to, "html", this.ecosystem.urlPrefix),
        name: diff.name,
        from: { version: diff.from, tree: diff.oldTree, meta: releaseMeta(pkg, diff.from, carried) },
        to: { version: diff.to, tree: diff.newTree, meta: releaseMeta(pkg, diff.to, carried) },
        files: diff.files,
      });
    } catch (error) {
      console.error(error);
      return undefined;
    }
  }
}

export function diffKey(registry: string, name: string, from: string, to: string, options: DiffOptions): string {
  return `v${ENGINE_VERSION}.${REVIEW_VERSION}:${registry}:${name}@${from}..${to}:w=${options.ignoreWhitespace ? 1 : 0}`;
}

function estimateDiffBytes(files: FileDiff[]): number {
  let bytes = 0;
  for (const file of files) {
    bytes += 200 + file.path.length * 2;
    for (const hunk of file.hunks ?? []) for (const line of hunk.lines) bytes += 40 + line.length * 2;
  }
  return bytes;
}
