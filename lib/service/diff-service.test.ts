import { readdir, rm, writeFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { type FixtureRegistry, Gate, startFixtureRegistry } from "../../fixtures/registry";
import type { AdmissionLimits } from "../config.mjs";
import { adapterFor, rejection } from "../registry/npm/test-helpers";
import { needsLineWork, serializeFilePatch } from "../diff/patch";
import { PkgdiffService, type ServiceSettings } from "./diff-service";
import type { RequestContext } from "./request-context";
import { DeadlineExceeded } from "../deadline";
import { type DiffProgress, describeProgress } from "./progress";

const PKG = "demo-pkg";
const PLAIN = { ignoreWhitespace: false };
const LIMITS = { maxTarballBytes: 1e8, maxUnpackedBytes: 1e9, maxEntries: 1e5, maxDiffFileBytes: 1 << 24, diffFileBudgetMs: 5_000 };
const OPEN: AdmissionLimits = { maxActive: 2, maxQueued: 16, missesPerWindow: 0, windowSeconds: 60 };

let registry: FixtureRegistry;
beforeAll(async () => {
  registry = await startFixtureRegistry();
});
afterEach(() => registry.setFault(null));
afterAll(() => registry.close());

/**
 * Holds every tarball request at a gate: the computation that asked for one is then
 * known to hold its admission slot (tarballs are fetched inside it) until `open()`.
 */
function holdTarballs(): Gate {
  const gate = new Gate();
  registry.setFault({ kind: "hold", gate, only: "tarball" });
  return gate;
}

async function service(overrides: Partial<ServiceSettings> & { cacheDir?: string } = {}): Promise<PkgdiffService> {
  const settings: ServiceSettings = {
    cacheDir: overrides.cacheDir ?? (await mkdtemp(path.join(tmpdir(), "pkgdiff-service-"))),
    limits: LIMITS,
    cache: { diskBytes: 1e9, treeMemoryBytes: 1e8, diffMemoryBytes: 1e8, ...overrides.cache },
    admission: overrides.admission ?? OPEN,
  };
  return new PkgdiffService(npmEcosystem, adapterFor(registry, { retries: 0 }), settings);
}

/** Requests that reached the registry while `work` ran. */
async function upstream(work: () => Promise<unknown>): Promise<string[]> {
  const mark = registry.requests.length;
  await work();
  return registry.requests.slice(mark);
}

const tarballs = (requests: string[]) => requests.filter((r) => r.endsWith(".tgz"));

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await readdir(dir).catch(() => [])) {
    for (const file of await readdir(path.join(dir, sub))) out.push(path.join(dir, sub, file));
  }
  return out;
}

describe("PkgdiffService caching", () => {
  it("20 concurrent requests for one uncached diff share one fetch per tarball and one computation", async () => {
    const svc = await service();
    const contexts: RequestContext[] = Array.from({ length: 20 }, () => ({}));
    let results: unknown[] = [];
    const requests = await upstream(async () => {
      results = await Promise.all(contexts.map((c) => svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, c)));
    });
    expect(tarballs(requests)).toHaveLength(2);
    expect(new Set(results).size).toBe(1); // the very same result object: computed once
    expect(contexts.every((c) => c.cache === "miss")).toBe(true);
    const again: RequestContext = {};
    await svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, again);
    expect(again.cache).toBe("hit");
  });

  it("after a restart serves a computed diff from disk without the registry", async () => {
    const first = await service();
    const computed = await first.getDiff(PKG, "1.1.0", "1.2.0", PLAIN);
    const cacheDir = path.dirname(first.tarballs.diskDir);
    const second = await service({ cacheDir });
    const context: RequestContext = {};
    let restored: Awaited<ReturnType<PkgdiffService["getDiff"]>> | undefined;
    const requests = await upstream(async () => {
      expect(await second.hasDiff(PKG, "1.1.0", "1.2.0", PLAIN)).toBe(true);
      restored = await second.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, context);
    });
    expect(requests).toEqual([]);
    expect(context.cache).toBe("hit");
    expect(restored?.files).toEqual(computed.files);
    expect(restored?.totals).toEqual(computed.totals);
    const [restoredTrees, computedTrees] = await Promise.all([restored!.trees(), computed.trees()]);
    expect([...restoredTrees.new.entries.keys()]).toEqual([...computedTrees.new.entries.keys()]);
    // Options are part of the key: w=1 is another diff.
    expect(await second.hasDiff(PKG, "1.1.0", "1.2.0", { ignoreWhitespace: true })).toBe(false);
  });

  it("serves a stored diff whose tarballs left the cache without recomputing it; the trees download when needed", async () => {
    const first = await service();
    const computed = await first.getDiff(PKG, "1.0.0", "1.1.0", PLAIN);
    const cacheDir = path.dirname(first.tarballs.diskDir);
    for (const file of await filesUnder(path.join(cacheDir, "tarballs"))) await rm(file);
    const second = await service({ cacheDir });
    const context: RequestContext = {};
    let restored: Awaited<ReturnType<PkgdiffService["getDiff"]>> | undefined;
    expect(await upstream(async () => (restored = await second.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, context)))).toEqual([]);
    expect(context.cache).toBe("hit");
    expect(restored?.files).toEqual(computed.files);
    expect(tarballs(await upstream(() => restored!.trees()))).toHaveLength(2);
    expect(await upstream(() => restored!.trees())).toEqual([]); // kept
  });

  it("recomputes a corrupt diff entry and refetches a corrupt tarball, never serving either", async () => {
    const first = await service();
    const computed = await first.getDiff(PKG, "1.0.0", "1.2.0", PLAIN);
    const cacheDir = path.dirname(first.tarballs.diskDir);
    for (const file of await filesUnder(path.join(cacheDir, "diffs"))) await writeFile(file, "not a diff");
    const [aTarball] = await filesUnder(path.join(cacheDir, "tarballs"));
    await writeFile(aTarball!, "not a tarball");

    const second = await service({ cacheDir });
    const context: RequestContext = {};
    let again: Awaited<ReturnType<PkgdiffService["getDiff"]>> | undefined;
    const requests = await upstream(async () => {
      again = await second.getDiff(PKG, "1.0.0", "1.2.0", PLAIN, context);
    });
    expect(context.cache).toBe("miss");
    expect(tarballs(requests)).toHaveLength(1); // only the corrupt one
    expect(again?.files).toEqual(computed.files);
  });

  it("keeps the cache folder within its bound", async () => {
    const svc = await service({ cache: { diskBytes: 6_000, treeMemoryBytes: 1e8, diffMemoryBytes: 1e8 } });
    await svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN);
    await svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN);
    await svc.getDiff(PKG, "1.2.0", "2.0.0-rc.1", PLAIN);
    expect(await svc.diskBudget.usedBytes()).toBeLessThanOrEqual(6_000);
    expect(await svc.diskBudget.usedBytes()).toBeGreaterThan(0);
  });
});

describe("PkgdiffService: the diff of a .patch", () => {
  it("a .patch that starts a diff gets each file's patch section, written beside its line diff", async () => {
    const svc = await service();
    const context: RequestContext = {};
    const { diff, sections } = await svc.getPatchDiff(PKG, "1.0.0", "1.2.0", PLAIN, context);
    expect(context.cache).toBe("miss");
    const trees = await diff.trees();
    const written = diff.files.filter((file) => sections?.has(file));
    expect(written.length).toBeGreaterThan(1);
    for (const file of written) expect(Buffer.from(sections!.get(file)!).toString("utf8"), file.path).toBe(serializeFilePatch(file, trees));
    // The others are diffed again by the patch (skipped, collapsed), binary, or were made by rename detection.
    for (const file of diff.files.filter((f) => !sections?.has(f))) expect(needsLineWork(file, {}) || file.binary || file.status === "renamed", file.path).toBe(true);

    // Computed once: the next .patch gets the cached diff, with its summary and no sections.
    const again = await svc.getPatchDiff(PKG, "1.0.0", "1.2.0", PLAIN);
    expect(again.sections).toBeUndefined();
    expect(again.diff.files).toEqual(diff.files);
    expect(again.diff.summary).toBeDefined();
  });

  it("a .patch whose client leaves once it has its diff does not stop the diff: it is summarized and kept", async () => {
    const svc = await service();
    const client = new AbortController();
    const context: RequestContext = { signal: client.signal };
    const { diff } = await svc.getPatchDiff(PKG, "1.0.0", "1.1.0", PLAIN, context);
    expect(context.cache).toBe("miss");
    client.abort(new Error("client went away"));
    // The same computation, not a new one: it went on without the .patch's client.
    expect(await svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN)).toBe(diff);
    expect(diff.summary).toBeDefined();
  });

  it("a .patch whose client has gone before its diff stops waiting", async () => {
    const svc = await service();
    const client = new AbortController();
    const reason = new Error("client went away");
    const gate = holdTarballs();
    const asked = svc.getPatchDiff(PKG, "1.1.0", "1.2.0", PLAIN, { signal: client.signal });
    await gate.arrived();
    client.abort(reason);
    await expect(asked).rejects.toBe(reason);
    gate.open();
  });

  it("a .patch that joins a diff another request started gets that diff, without sections", async () => {
    const svc = await service();
    const [page, patch] = await Promise.all([svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN), svc.getPatchDiff(PKG, "1.1.0", "1.2.0", PLAIN)]);
    expect(patch.diff).toBe(page);
    expect(patch.sections).toBeUndefined();
  });
});

describe("PkgdiffService admission", () => {
  it("limits a client's cache misses (429) but never its cache hits", async () => {
    const svc = await service({ admission: { ...OPEN, missesPerWindow: 1 } });
    const client = { client: "203.0.113.7" };
    await svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { ...client });
    const limited = await rejection(svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { ...client }));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.details.retryAfter).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { ...client }); // cached: fine
    await svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { client: "203.0.113.8" }); // another client: fine
    // Browsing an unpacked version is a hit too; a new tarball is a miss.
    await svc.getTree(PKG, "1.1.0", { ...client });
    expect((await rejection(svc.getTree(PKG, "2.0.0-rc.1", { ...client }))).kind).toBe("rate_limited");
  });

  it("charges only the request that starts a computation; a limited client's 429 never reaches the others", async () => {
    const svc = await service({ admission: { ...OPEN, missesPerWindow: 1 } });
    const [a, b] = ["192.0.2.1", "192.0.2.2"];
    await svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { client: a }); // a's only miss
    // b starts 1.1.0..1.2.0, a joins it: a pays nothing and gets the diff.
    const [byB, byA] = await Promise.all([
      svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { client: b }),
      svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { client: a }),
    ]);
    expect(byA).toBe(byB);
    // a asks first for a new diff: refused before anything starts, so c, right behind, computes it.
    const c = "192.0.2.3";
    const [refused, computed] = await Promise.allSettled([
      svc.getDiff(PKG, "1.2.0", "2.0.0-rc.1", PLAIN, { client: a }),
      svc.getDiff(PKG, "1.2.0", "2.0.0-rc.1", PLAIN, { client: c }),
    ]);
    expect(refused).toMatchObject({ status: "rejected", reason: { kind: "rate_limited" } });
    expect(computed.status).toBe("fulfilled");
    // Five browse requests of one new tarball at once cost their client one miss.
    const browsed = await Promise.all(Array.from({ length: 5 }, () => svc.getTree(PKG, "1.0.0", { client: "192.0.2.4" })));
    expect(new Set(browsed).size).toBe(1);
  });

  it("gives the miss back when admission refuses the computation", async () => {
    const svc = await service({ admission: { maxActive: 1, maxQueued: 0, missesPerWindow: 1, windowSeconds: 3600 } });
    await svc.getPackage(PKG);
    const gate = holdTarballs();
    const slow = svc.getDiff(PKG, "1.0.0", "1.2.0", PLAIN);
    await gate.arrived(); // the one slot is taken
    const client = { client: "192.0.2.9" };
    expect((await rejection(svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { ...client }))).kind).toBe("overloaded");
    gate.open();
    await slow;
    await svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { ...client }); // its one miss is still there
    expect((await rejection(svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { ...client }))).kind).toBe("rate_limited");
  });

  it("refuses new computations with 503 while the queue is full, and lets requests join one in flight", async () => {
    const svc = await service({ admission: { ...OPEN, maxActive: 1, maxQueued: 0 } });
    await svc.getPackage(PKG);
    const gate = holdTarballs();
    // Asked in the same tick, the two share the check of the disk cache, then the computation.
    const slow = svc.getDiff(PKG, "1.0.0", "1.2.0", PLAIN);
    const joined = svc.getDiff(PKG, "1.0.0", "1.2.0", PLAIN);
    await gate.arrived(); // the one slot is taken
    const refused = await rejection(svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN));
    expect(refused.kind).toBe("overloaded");
    expect(refused.details.retryAfter).toBeGreaterThan(0);
    gate.open();
    expect(await joined).toBe(await slow);
    expect(svc.state.slots.load).toEqual({ active: 0, queued: 0 });
    await svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN); // room again
  });
});

describe("PkgdiffService: requests that go away, deadlines and progress", () => {
  it("lets a request that goes away stop waiting at once, and goes on for one still waiting", async () => {
    const svc = await service();
    await svc.getPackage(PKG);
    const gate = holdTarballs();
    const abandonedBefore = registry.abandoned.arrivals;
    const leaving = new AbortController();
    const gone = svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { signal: leaving.signal });
    const staying = svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { signal: new AbortController().signal });
    await gate.arrived(2); // both tarballs are being fetched
    leaving.abort();
    await expect(gone).rejects.toMatchObject({ name: "AbortError" });
    gate.open();
    expect((await staying).files.length).toBeGreaterThan(0);
    expect(registry.abandoned.arrivals).toBe(abandonedBefore);
  });

  it("stops the computation when every request has gone: the registry sees its connections closed", async () => {
    const svc = await service();
    await svc.getPackage(PKG);
    const gate = holdTarballs();
    const abandonedBefore = registry.abandoned.arrivals;
    const [a, b] = [new AbortController(), new AbortController()];
    const waits = [svc.getDiff(PKG, "1.0.0", "1.2.0", PLAIN, { signal: a.signal }), svc.getDiff(PKG, "1.0.0", "1.2.0", PLAIN, { signal: b.signal })];
    await gate.arrived(2);
    a.abort();
    b.abort();
    for (const wait of waits) await expect(wait).rejects.toMatchObject({ name: "AbortError" });
    await registry.abandoned.arrived(abandonedBefore + 2); // both tarball fetches were cancelled
    gate.open();
    // The next request starts afresh instead of joining the abandoned work.
    expect((await svc.getDiff(PKG, "1.0.0", "1.2.0", PLAIN)).files.length).toBeGreaterThan(0);
  });

  it("answers 504 naming the tarball the registry did not send when the request's deadline passes", async () => {
    const svc = await service();
    await svc.getPackage(PKG);
    const gate = holdTarballs();
    const deadline = new AbortController();
    const waiting = rejection(svc.getDiff(PKG, "1.1.0", "1.2.0", PLAIN, { deadline: deadline.signal }));
    await gate.arrived(2);
    deadline.abort(new DeadlineExceeded(20_000));
    const error = await waiting;
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/^The registry did not answer within 20 s for the tarball of demo-pkg@1\.[12]\.0 \(REGISTRY_DEADLINE_MS\)$/);
    expect(error.details.packageName).toBe(PKG);
    gate.open();
  });

  it("answers 504 naming the package when the deadline passes while its metadata is fetched", async () => {
    const svc = await service();
    const gate = new Gate();
    registry.setFault({ kind: "hold", gate, only: "packument" });
    const deadline = new AbortController();
    const waiting = rejection(svc.getTree(PKG, "1.0.0", { deadline: deadline.signal }));
    await gate.arrived();
    deadline.abort(new DeadlineExceeded(20_000));
    const error = await waiting;
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/within 20 s for demo-pkg \(REGISTRY_DEADLINE_MS\)/);
    gate.open();
  });

  it("reports fetching, unpacking and diffing, and replays them to a request that joins late", async () => {
    const svc = await service();
    await svc.getPackage(PKG);
    const gate = holdTarballs();
    const first: DiffProgress[] = [];
    const late: DiffProgress[] = [];
    const started = svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { onProgress: (event) => first.push(event) });
    await gate.arrived(2);
    let caughtUp: () => void = () => undefined;
    const replayed = new Promise<void>((resolve) => (caughtUp = resolve));
    const onLateProgress = (event: DiffProgress) => {
      if (late.push(event) === 2) caughtUp();
    };
    const joined = svc.getDiff(PKG, "1.0.0", "1.1.0", PLAIN, { onProgress: onLateProgress });
    await replayed; // joined while the tarballs are still held: what it heard so far is the replay
    expect(late.map(describeProgress).sort()).toEqual(["fetching demo-pkg@1.0.0…", "fetching demo-pkg@1.1.0…"]);
    gate.open();
    const diff = await started;
    await joined;
    const lines = first.map(describeProgress);
    expect(lines.slice(0, 2).sort()).toEqual(["fetching demo-pkg@1.0.0…", "fetching demo-pkg@1.1.0…"]);
    expect(lines.slice(2, 4).every((line) => /^unpacking demo-pkg@1\.[01]\.0 \(\d+(\.\d)? (bytes|KiB)\)…$/.test(line))).toBe(true);
    const trees = await diff.trees();
    const files = new Set([...trees.old.entries.keys(), ...trees.new.entries.keys()]).size;
    expect(lines[4]).toBe(`diffing ${files} files…`);
    expect(late).toEqual(first);
  });
});
