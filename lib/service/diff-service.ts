import "server-only";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { DiskBudget, DiskStore } from "../cache/disk-store";
import { LruCache } from "../cache/lru.mjs";
import { type FlightWork, SingleFlight } from "../cache/single-flight";
import type { AdmissionLimits, CacheSizes, Limits, SharedConfig } from "../config.mjs";
import { diffTreesPooled } from "../workers/pooled";
import { getEnginePool } from "../workers/pool";
import type { PatchOptions } from "../diff/patch";
import type { TreeDiff } from "../diff/tree-diff";
import type { DiffTotals, FileDiff } from "../diff/types";
import type { Ecosystem } from "../registry/ecosystem";
import type { PackageInfo, RegistryAdapter } from "../registry/types";
import type { PackageTree } from "../tarball/types";
import { isPkgdiffError } from "../errors";
import { namingDeadline, withDeadline } from "../deadline";
import { isScanned } from "../review/risky-scan";
import { summarize } from "../review/summarize";
import { diffPath } from "../routes/diff-path";
import { REVIEW_VERSION, type ReviewInput, type ReviewSummary } from "../review/types";
import { createLocalState } from "../shared/local-state";
import { createRedisState } from "../shared/redis-state";
import { readOnlyError } from "../shared/refusals";
import type { KeyedStore, SharedState } from "../shared/types";
import { Admission, MissRateLimiter } from "./admission";
import { DiffStore, STORED_DIFF_CODEC, type StoredDiff } from "./diff-store";
import { carriedFields, releaseMeta } from "./release-meta";
import type { DiffProgress } from "./progress";
import { type RequestContext, untilAnswered, upstreamSignal } from "./request-context";
import { TarballStore, type TreeRef } from "./tarball-store";

/**
 * Bump when the engine's output changes, so cached diffs of the old engine
 * are never served. 3: diffs carry their review summary (whose own version,
 * REVIEW_VERSION, is in the key too). 4: stored diffs are written as
 * several values (lib/service/diff-store.ts), which an older server would
 * read as a miss and delete: under keys of their own, two versions sharing
 * a Redis (a rolling deploy) leave each other's entries alone.
 */
export const ENGINE_VERSION = 4;

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
  /**
   * The two versions' trees, for what shows file contents (pages, .patch,
   * file slices); the JSON and review APIs need none. A diff restored from
   * the caches loads them on first use — from memory, disk, else the
   * registry — so a replica serves a diff another one computed without
   * computing it again.
   */
  trees(): Promise<DiffTrees>;
  /** What a reviewer must see first (lib/review); computed with the diff, cached with it. */
  summary?: ReviewSummary;
}

export interface DiffTrees {
  old: PackageTree;
  new: PackageTree;
}

/** What a `.patch` is written from (`getPatchDiff`): the diff, and its files' patch sections when the workers wrote them. */
export interface PatchDiff {
  diff: DiffResult;
  /** `serializeFilePatch(file, trees, patchOptionsOf(options))` for the files of `diff.files` it has. */
  sections?: ReadonlyMap<FileDiff, Uint8Array>;
}

/** The patch of a diff made with `options` (with w=1 its hunks leave out whitespace changes; the patch must still rebuild the new tree). */
export function patchOptionsOf(options: DiffOptions): PatchOptions {
  return { ignoredWhitespace: options.ignoreWhitespace };
}

/**
 * What the services of all ecosystems share in one process: one disk
 * budget over the cache folders, and the state shared with the other
 * replicas (lib/shared: in-process without REDIS_URL) — the diff store
 * behind the local ones, one computation per key, the admission cap, one
 * miss budget per client, the read-only flag (`createSharedResources`).
 */
export interface SharedResources {
  diskBudget: DiskBudget;
  state: SharedState;
}

export interface ServiceHooks {
  /** Shared with the other ecosystems' services; a service of its own when absent. */
  shared?: SharedResources;
  /** Told about each newly computed diff (the instance wires the search index's served names). */
  onComputed?: (name: string) => void;
}

export function createSharedResources({ cacheDir, cache, admission, shared }: ServiceSettings): SharedResources {
  const local = {
    slots: new Admission(admission.maxActive, admission.maxQueued),
    budget: new MissRateLimiter(admission.missesPerWindow, admission.windowSeconds),
    readOnly: shared?.readOnly ?? false,
  };
  const state = shared?.redisUrl
    ? createRedisState(local, {
        url: shared.redisUrl,
        maxEntryBytes: shared.diffMaxBytes,
        commandTimeoutMs: shared.commandTimeoutMs,
        peerUrl: shared.peerUrl,
        ...admission,
      })
    : createLocalState(local);
  return { diskBudget: new DiskBudget(Object.values(cacheDirs(cacheDir)), cache.diskBytes), state };
}

function cacheDirs(cacheDir: string): { tarballs: string; diffs: string } {
  return { tarballs: path.join(cacheDir, "tarballs"), diffs: path.join(cacheDir, "diffs") };
}

export interface ServiceSettings {
  cacheDir: string;
  limits: Limits;
  cache: CacheSizes;
  admission: AdmissionLimits;
  /** Shared mode (REDIS_URL, READ_ONLY); absent: one process, nothing shared. */
  shared?: SharedConfig;
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
  readonly state: SharedState;
  private readonly stored: KeyedStore<StoredDiff>;
  /** Requests charging their client for `key` (an async budget: Redis); the others wait, then join. */
  private readonly charging = new Map<string, Promise<void>>();
  private readonly diffs: LruCache<string, DiffResult>;
  private readonly flight = new SingleFlight<string, DiffResult, DiffProgress>();
  private readonly restoring = new SingleFlight<string, DiffResult | undefined>();
  private readonly treesFlight = new SingleFlight<string, DiffTrees>();
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
    this.state = shared.state;
    this.tarballs = new TarballStore(registry, cacheDir, limits, cache.treeMemoryBytes, this.diskBudget, ecosystem.unpack, this.state.peers);
    // Memory, then this replica's disk, then (shared mode) Redis.
    this.stored = this.state.layered("diff", new DiffStore(new DiskStore(dirs.diffs, this.diskBudget)), STORED_DIFF_CODEC);
    // Counted by their hunks: their trees, when loaded, are counted by the tarball cache.
    this.diffs = new LruCache({ maxBytes: cache.diffMemoryBytes, sizeOf: (d) => estimateDiffBytes(d.files), maxEntries: 32 });
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
    const refusal = cached || this.treeFlight.has(ref.key) ? undefined : this.refuseIfReadOnly();
    if (refusal) await refusal;
    const { deadline } = context;
    return this.charged(cached ? undefined : context.client, this.treeFlight, ref.key, context, ({ signal, progress }) =>
      this.state.slots.run(() => this.tarballs.getTree(pkg, version, { signal, deadline, onProgress: progress })),
    );
  }

  /**
   * True when the diff of two exact versions is in memory, on disk or (shared
   * mode) in Redis: canonical URLs whose diff is cached need no packument to
   * be served again.
   */
  async hasDiff(name: string, from: string, to: string, options: DiffOptions): Promise<boolean> {
    const key = diffKey(this.registry.id, name, from, to, options);
    return this.diffs.get(key) !== undefined || (await this.stored.has(key));
  }

  /** The diff of two exact versions. Callers resolve tags and ranges first (`resolveDiffRoute`). */
  getDiff(name: string, from: string, to: string, options: DiffOptions, context: RequestContext = {}): Promise<DiffResult> {
    return this.diffFor(name, from, to, options, context);
  }

  /**
   * getDiff() for a `.patch`. A diff this request starts has each file's
   * patch section written in the workers beside its line diff (where that
   * is only writing) and comes as soon as every file is diffed, while the
   * workers scan the files for the review and the diff is summarized and
   * stored (the lock and slot are held until then): the patch streams
   * those sections as they are instead of sending its files to the
   * workers again. A diff from the caches, or one another request started,
   * comes without sections (typescript 5.4.5→5.5.2 cold: 1.6–1.8 s → about
   * 1.1 s).
   */
  getPatchDiff(name: string, from: string, to: string, options: DiffOptions, context: RequestContext = {}): Promise<PatchDiff> {
    // Once answered, the request waits no more: its client leaving mid-patch does not stop the scans and the store.
    const waiting = untilAnswered(context.signal);
    const inner: RequestContext = { ...context, signal: waiting.signal };
    let answered = false;
    return new Promise((resolve, reject) => {
      const answer = (settle: () => void) => {
        if (answered) return;
        answered = true;
        waiting.answered();
        context.cache = inner.cache;
        settle();
      };
      // Whichever comes first: the computed diff with its sections, or the diff (cached, joined, or computed without any).
      this.diffFor(name, from, to, options, inner, (ready) => answer(() => resolve(ready))).then(
        (diff) => answer(() => resolve({ diff })),
        (error: unknown) => {
          // After the patch has started, a failure costs the cached diff and the summary, not this response: said in the log.
          if (answered) console.error(`the diff of ${name} ${from}..${to} failed after its .patch started:`, error);
          answer(() => reject(error));
        },
      );
    });
  }

  private async diffFor(
    name: string,
    from: string,
    to: string,
    options: DiffOptions,
    context: RequestContext,
    onPatchReady?: (ready: PatchDiff) => void,
  ): Promise<DiffResult> {
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
    const refusal = this.flight.has(key) ? undefined : this.refuseIfReadOnly();
    if (refusal) await refusal;
    const { deadline } = context;
    return this.charged(context.client, this.flight, key, context, async (job) => {
      // Across replicas too, one computation per key: the others wait for it and restore its result.
      const { value, computed } = await this.state.locks.once(
        key,
        () => this.state.slots.run(() => this.compute(key, name, from, to, options, job, deadline, onPatchReady)),
        () => this.restore(key, name, from, to, options),
        job.signal,
      );
      // Another replica computed it: joining a computation costs nothing, as in one process.
      if (!computed) await this.state.budget.refund(context.client);
      return value;
    });
  }

  /**
   * Throws `read_only` (503) while the service is read-only. Synchronous
   * unless a shared flag is still being read for the first time, so that
   * requests asked in one tick still join one computation.
   */
  private refuseIfReadOnly(): Promise<void> | undefined {
    const { loading } = this.state.readOnly;
    if (loading) return loading.then(() => this.refuseIfReadOnly());
    if (this.state.readOnly.on) throw readOnlyError();
    return undefined;
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
    for (let pending = this.charging.get(key); pending; pending = this.charging.get(key)) await pending.catch(() => undefined);
    if (flight.has(key)) return flight.run(key, work, context.signal, context.onProgress);
    // The in-process budget answers at once; Redis's takes a round trip, during which others wait for this charge.
    const taking = this.state.budget.take(client);
    if (taking) {
      this.charging.set(key, taking);
      try {
        await taking;
      } finally {
        this.charging.delete(key);
      }
    }
    try {
      return await flight.run(key, work, context.signal, context.onProgress);
    } catch (error) {
      if (isPkgdiffError(error) && error.kind === "overloaded") await this.state.budget.refund(client);
      throw error;
    }
  }

  /**
   * A diff from disk or (shared mode) Redis, undefined when neither has it.
   * Its trees load when first needed (`DiffResult.trees`), not here: the
   * JSON API serves it without them.
   */
  private async restore(key: string, name: string, from: string, to: string, options: DiffOptions): Promise<DiffResult | undefined> {
    const stored = await this.stored.get(key);
    if (!stored) return undefined;
    const refs = { old: stored.old, new: stored.new };
    const result: DiffResult = { key, name, from, to, options, files: stored.files, totals: stored.totals, trees: () => this.loadTrees(name, from, to, refs) };
    if (stored.summary) result.summary = stored.summary;
    this.diffs.set(key, result);
    return result;
  }

  /**
   * A restored diff's trees: from memory, else unpacked from the disk cache
   * (admitted like a computation, charged to nobody), else downloaded — which
   * read-only mode refuses.
   */
  private async loadTrees(name: string, from: string, to: string, refs: { old: TreeRef; new: TreeRef }): Promise<DiffTrees> {
    const [oldPeek, newPeek] = [this.tarballs.peek(refs.old), this.tarballs.peek(refs.new)];
    if (oldPeek && newPeek) return { old: oldPeek, new: newPeek };
    return this.treesFlight.run(`${refs.old.key}\n${refs.new.key}`, () =>
      this.state.slots.run(async () => {
        const [oldCached, newCached] = await Promise.all([this.tarballs.getCachedTree(refs.old), this.tarballs.getCachedTree(refs.new)]);
        if (oldCached && newCached) return { old: oldCached, new: newCached };
        await this.refuseIfReadOnly();
        const pkg = await this.registry.getPackage(name);
        const [oldTree, newTree] = await Promise.all([oldCached ?? this.tarballs.getTree(pkg, from), newCached ?? this.tarballs.getTree(pkg, to)]);
        return { old: oldTree, new: newTree };
      }),
    );
  }

  /**
   * Fetches, unpacks and diffs, reporting each step. `job.signal` aborts once
   * every request waiting on it has gone; registry waits are also bounded by
   * the deadline of the request that started it (those that joined later
   * have later ones). With `onPatchReady` (a `.patch` started it), the
   * workers write the files' patch sections too, handed over once every
   * file is diffed, before the review's scans end and the diff is stored.
   */
  private async compute(
    key: string,
    name: string,
    from: string,
    to: string,
    options: DiffOptions,
    { signal, progress }: FlightWork<DiffProgress>,
    deadline?: AbortSignal,
    onPatchReady?: (ready: PatchDiff) => void,
  ): Promise<DiffResult> {
    const pkg = await this.getPackage(name, withDeadline(signal, deadline));
    // The diff starts while downloaded tarballs are still being written to the disk cache; it is stored once they are.
    const wait = { signal, deadline, onProgress: progress, beforeKept: true };
    const [oldTree, newTree] = await Promise.all([this.tarballs.getTree(pkg, from, wait), this.tarballs.getTree(pkg, to, wait)]);
    progress({ stage: "diff", files: new Set([...oldTree.entries.keys(), ...newTree.entries.keys()]).size });
    // Line diffs run in worker threads: a huge package never stalls other requests.
    // Each file is scanned for the review there too, once every file is diffed.
    const trees: DiffTrees = { old: oldTree, new: newTree };
    const resultOf = ({ files, totals }: TreeDiff): DiffResult => ({ key, name, from, to, options, files, totals, trees: () => Promise.resolve(trees) });
    let result: DiffResult | undefined;
    // A `.patch` starts as soon as every file is diffed, while the workers scan them and this summarizes and stores the diff.
    const onDiffed = (diff: TreeDiff & { patches: ReadonlyMap<FileDiff, Uint8Array> }) => {
      result = resultOf(diff);
      onPatchReady?.({ diff: result, sections: diff.patches });
    };
    const pooled = await diffTreesPooled(
      getEnginePool(),
      oldTree,
      newTree,
      {
        ignoreWhitespace: options.ignoreWhitespace,
        maxFileBytes: this.settings.limits.maxDiffFileBytes,
        budgetMs: this.settings.limits.diffFileBudgetMs,
      },
      {
        scan: this.ecosystem.scanFiles,
        toScan: (file) => isScanned(this.ecosystem.review, file),
        // A file whose scan passed its deadline is reported as not scanned, not scanned again on the event loop.
        unscanned: "not-scanned" as const,
        ...(onPatchReady ? { patch: patchOptionsOf(options), onDiffed } : {}),
      },
      signal,
    );
    result ??= resultOf(pooled);
    const { files, totals } = result;
    const summary = this.summarize(pkg, result, trees, pooled.scans);
    if (summary) result.summary = summary;
    // Each step of a huge diff holds the event loop tens of ms (the summary, the memory cache's size count, the
    // store's serialization): a turn between them, so other requests (a .patch streaming it, a page) are not held for their sum.
    await nextTurn();
    this.diffs.set(key, result);
    await nextTurn();
    const entry: StoredDiff = { key, files, totals, old: this.tarballs.refFor(pkg, from), new: this.tarballs.refFor(pkg, to) };
    if (summary) entry.summary = summary;
    await Promise.all([this.tarballs.kept(entry.old), this.tarballs.kept(entry.new)]);
    // A failed cache write costs a recomputation after a restart, never this response.
    await this.stored.put(entry).catch(() => undefined);
    this.onComputed(name);
    return result;
  }

  /**
   * The review summary, from what the diff already holds (no second pass
   * over the trees); a rule that fails costs the summary, never the diff.
   */
  private summarize(pkg: PackageInfo, diff: DiffResult, trees: DiffTrees, scans: ReviewInput["scans"]): ReviewSummary | undefined {
    try {
      const carried = carriedFields(pkg);
      return summarize({
        rules: this.ecosystem.review,
        dependencyLink: (name, from, to) => diffPath(name, from, to, "html", this.ecosystem.urlPrefix),
        name: diff.name,
        from: { version: diff.from, tree: trees.old, meta: releaseMeta(pkg, diff.from, carried) },
        to: { version: diff.to, tree: trees.new, meta: releaseMeta(pkg, diff.to, carried) },
        files: diff.files,
        scans,
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
