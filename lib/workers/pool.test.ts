import { getEventListeners } from "node:events";
import { readFileSync } from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffFile } from "../diff/file-diff";
import { highlightLines } from "../highlight/highlighter";
import { renderFileHtml } from "../render/file-table";
import type { PackageTree } from "../tarball/types";
import { tree } from "../diff/test-helpers";
import { EngineError, TaskFailed, TaskTimeout, isTaskTimeout } from "./errors";
import { EnginePool, type EnginePoolOptions, enginePoolOptionsFromEnv, getEnginePool } from "./pool";
import { crashTask, priorityTask, spinTask } from "./test-tasks";
import { type DiffFilesInput, type DiffedBatch, type EntryPair, type RenderFileInput, diffFilesTask, highlightTask, packFile, renderFileTask } from "./worker-tasks";
import { DIFF_OPTIONS, buildWorkerBundle, editedPair, samplePairs } from "./test-fixtures";

let workerPath = "";
let testWorkerPath = "";
const cleanups: (() => void)[] = [];
const pools: { close(): Promise<void> }[] = [];

/** A pool on the freshly built production bundle, closed after the file's tests. */
function pool(options: EnginePoolOptions = {}): EnginePool {
  const created = new EnginePool({ workerPath, size: 2, ...options });
  pools.push(created);
  return created;
}

/** A pool on the test worker's bundle (the production tasks plus "spin" and "crash"). */
function testPool(options: EnginePoolOptions = {}): EnginePool {
  const created = new EnginePool({ workerPath: testWorkerPath, size: 2, ...options });
  pools.push(created);
  return created;
}

beforeAll(async () => {
  const [engine, test] = await Promise.all([buildWorkerBundle("engine"), buildWorkerBundle("test")]);
  cleanups.push(engine.cleanup, test.cleanup);
  workerPath = engine.workerPath;
  testWorkerPath = test.workerPath;
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  for (const cleanup of cleanups) cleanup();
});

/** What the diffFiles task returns for `pairs`, made on this thread. */
function inlineDiffs(pairs: EntryPair[]): DiffedBatch {
  return { files: pairs.map((pair) => diffFile(pair.old, pair.new, DIFF_OPTIONS)).map((file) => file && packFile(file)) };
}

/**
 * Renders once on each side before comparing. The highlighter gives up on a
 * line after 200 ms (shiki's tokenizeTimeLimit), and a cold one (grammar
 * regexes not compiled yet) can pass that on a loaded machine, so only warm
 * runs are comparable.
 */
async function warmUp(...renders: (() => Promise<unknown>)[]): Promise<void> {
  for (const render of renders) await render();
}

/** The renderFile input for a pair, and the trees renderFileHtml gets inline. */
function renderCase(pair: Required<EntryPair>, count: number): { input: RenderFileInput; oldTree: PackageTree; newTree: PackageTree } {
  const file = diffFile(pair.old, pair.new, DIFF_OPTIONS)!;
  return {
    input: { file, oldEntry: pair.old, newEntry: pair.new, slice: { start: 0, count } },
    oldTree: tree([pair.old]),
    newTree: tree([pair.new]),
  };
}

describe("EnginePool in worker threads", () => {
  it("diffFiles gives what diffFile() gives inline", async () => {
    const p = pool();
    expect(p.mode).toBe("workers");
    const pairs = samplePairs();
    const diffs = await p.run(diffFilesTask, { pairs, options: DIFF_OPTIONS });
    expect(diffs).toEqual(inlineDiffs(pairs));
    expect(diffs.files.filter((d) => d === null)).toHaveLength(1);
  });

  it("renderFile gives the HTML renderFileHtml() gives inline", async () => {
    const { input, oldTree, newTree } = renderCase(editedPair("src/app.ts", 3, 600, 20), 400);
    const p = pool({ size: 1 });
    const inline = () => renderFileHtml(input.file, oldTree, newTree, input.slice);
    await warmUp(() => p.run(renderFileTask, input), inline);
    const inWorker = await p.run(renderFileTask, input);
    expect(inWorker).toEqual(await inline());
    expect(inWorker.html).toMatch(/<span class="\w/); // highlighted, not just escaped
  });

  it("highlight gives the lines highlightLines() gives inline", async () => {
    const lines = ["const answer = 42;", "function f(x) {", "  return x * 2; // twice", "}"];
    const p = pool({ size: 1 });
    const inWorker = await p.run(highlightTask, { lines, lang: "javascript" });
    expect(inWorker).toEqual(await highlightLines(lines, "javascript"));
    expect(inWorker[0]).toContain('<span class="k">const</span>');
  });

  it("rejects a task past its deadline with TaskTimeout, and the pool serves the next task", async () => {
    const p = testPool({ size: 1 });
    const error: unknown = await p.run(spinTask, {}, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskTimeout);
    expect(isTaskTimeout(error)).toBe(true);
    expect(error).toMatchObject({ kind: "timeout", task: "spin", timeoutMs: 200 });
    expect(p.stats()).toMatchObject({ workers: 0, busy: 0 });

    const pairs = samplePairs();
    expect(await p.run(diffFilesTask, { pairs, options: DIFF_OPTIONS })).toEqual(inlineDiffs(pairs));
  });

  it("queues tasks beyond the pool size and completes them all", async () => {
    const p = pool({ size: 2 });
    const cases = [1, 2, 3, 4, 5, 6].map((seed) => [editedPair(`f${seed}.js`, seed, 300, 10)]);
    const runs = cases.map((pairs) => p.run(diffFilesTask, { pairs, options: DIFF_OPTIONS }));
    expect(p.stats()).toMatchObject({ workers: 2, busy: 2, queued: 4 });
    const results = await Promise.all(runs);
    results.forEach((result, i) => expect(result).toEqual(inlineDiffs(cases[i]!)));
    expect(p.stats()).toMatchObject({ workers: 2, busy: 0, queued: 0 });
  });

  it("starts queued tasks in the order they came (FIFO)", async () => {
    const p = pool({ size: 1 });
    const done: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        p.run(diffFilesTask, { pairs: [editedPair("a.js", i, 200, 5)], options: DIFF_OPTIONS }).then(() => done.push(i)),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3]);
  });

  it("lets the lanes take turns: a task in its own lane does not wait for another lane's backlog", async () => {
    const p = pool({ size: 1 });
    const done: string[] = [];
    const task = (name: string, lane?: string) =>
      p.run(diffFilesTask, { pairs: [editedPair("a.js", 1, 200, 5)], options: DIFF_OPTIONS }, { lane }).then(() => done.push(name));
    // The first occupies the one worker; the rest queue: a page's backlog in the shared lane, then two patch batches.
    await Promise.all([task("page 1"), task("page 2"), task("page 3"), task("page 4"), task("patch 1", "patch"), task("patch 2", "patch")]);
    expect(done).toEqual(["page 1", "page 2", "patch 1", "page 3", "patch 2", "page 4"]);
  });

  it("rejects the task of a worker that dies, and later tasks still run", async () => {
    const p = testPool({ size: 1 });
    const error: unknown = await p.run(crashTask, { exitCode: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ kind: "crashed", task: "crash" });
    expect((error as Error).message).toContain("code 3");

    const pairs = samplePairs();
    expect(await p.run(diffFilesTask, { pairs, options: DIFF_OPTIONS })).toEqual(inlineDiffs(pairs));
  });

  it("answers a task that throws with TaskFailed and keeps the worker", async () => {
    const p = pool({ size: 1 });
    await p.run(diffFilesTask, { pairs: [], options: DIFF_OPTIONS });
    const broken = { pairs: null, options: DIFF_OPTIONS } as unknown as DiffFilesInput;
    const error: unknown = await p.run(diffFilesTask, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailed);
    expect(error).toMatchObject({ kind: "failed", remoteName: "TypeError" });
    expect(p.stats()).toMatchObject({ workers: 1, busy: 0 });
  });

  it("the production bundle does not know the test-only kinds", async () => {
    const production = new EnginePool({ workerPath, size: 1 });
    pools.push(production);
    const error: unknown = await production.run(crashTask, { exitCode: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailed);
    expect((error as Error).message).toContain('unknown task kind "crash"');
    expect(production.stats()).toMatchObject({ workers: 1, busy: 0 });
  });

  it("rejects an input that cannot cross threads without losing the worker", async () => {
    const p = pool({ size: 1 });
    const uncloneable = { pairs: [], options: { ...DIFF_OPTIONS, hook: () => 1 } } as unknown as DiffFilesInput;
    await expect(p.run(diffFilesTask, uncloneable)).rejects.toBeInstanceOf(TaskFailed);
    expect(await p.run(diffFilesTask, { pairs: [], options: DIFF_OPTIONS })).toEqual({ files: [] });
  });

  it("keeps the main thread's event loop free while a worker renders", async () => {
    const p = testPool({ size: 2 });
    // One worker is stuck in a synchronous loop: the other worker and the main thread carry on.
    const stuck = p.run(spinTask, {}, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    const { input } = renderCase(editedPair("lib/big.js", 7, 3_000, 80), 100_000);
    const events: string[] = [];
    const render = p.run(renderFileTask, input).then((result) => {
      events.push("render done");
      return result;
    });
    setImmediate(() => events.push("immediate"));
    setTimeout(() => events.push("timeout 0"), 0);
    const rendered = await render;
    expect(rendered.html.length).toBeGreaterThan(20_000);
    expect(events).toEqual(expect.arrayContaining(["immediate", "timeout 0"]));
    expect(events.at(-1)).toBe("render done");

    await p.close();
    expect(await stuck).toMatchObject({ kind: "closed" });
  });

  it("drops a queued task whose signal aborts, leaving the running and other queued tasks alone", async () => {
    const p = testPool({ size: 1 });
    const running = p.run(spinTask, {}, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    const abandon = new AbortController();
    const queued = p.run(diffFilesTask, { pairs: samplePairs(), options: DIFF_OPTIONS }, { signal: abandon.signal });
    const kept = p.run(diffFilesTask, { pairs: samplePairs(), options: DIFF_OPTIONS }).catch((e: unknown) => e);
    expect(p.stats()).toMatchObject({ busy: 1, queued: 2 });
    abandon.abort(new Error("nobody waits"));
    await expect(queued).rejects.toThrow("nobody waits");
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1 });
    await expect(p.run(diffFilesTask, { pairs: [], options: DIFF_OPTIONS }, { signal: abandon.signal })).rejects.toThrow("nobody waits");
    await p.close();
    expect(await running).toMatchObject({ kind: "closed" });
    expect(await kept).toMatchObject({ kind: "closed", task: "diffFiles" });
  });

  it("listens once per signal however many of its tasks wait, and drops them all when it aborts", async () => {
    const p = testPool({ size: 1 });
    const running = p.run(spinTask, {}, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    const abandon = new AbortController();
    // A big diff queues hundreds of batches under one signal: past ten listeners Node warns of a leak.
    const queued = Array.from({ length: 30 }, () => p.run(diffFilesTask, { pairs: [], options: DIFF_OPTIONS }, { signal: abandon.signal }).catch((e: unknown) => e));
    expect(getEventListeners(abandon.signal, "abort")).toHaveLength(1);
    expect(p.stats()).toMatchObject({ busy: 1, queued: 30 });
    abandon.abort(new Error("nobody waits"));
    for (const task of await Promise.all(queued)) expect(task).toMatchObject({ message: "nobody waits" });
    expect(p.stats()).toMatchObject({ busy: 1, queued: 0 });
    expect(getEventListeners(abandon.signal, "abort")).toHaveLength(0);
    await p.close();
    expect(await running).toMatchObject({ kind: "closed" });
  });

  it("stops listening to a signal once its tasks are done", async () => {
    const p = testPool({ size: 1 });
    const signal = new AbortController().signal;
    await Promise.all([1, 2, 3].map(() => p.run(diffFilesTask, { pairs: samplePairs(), options: DIFF_OPTIONS }, { signal })));
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    await p.close();
  });

  // Lowering shows only where the runner's own nice value leaves room below it.
  it.runIf(process.platform === "linux" && os.getPriority() <= 12)("runs its workers `nice` lower than the main thread, which keeps its own priority", async () => {
    const main = os.getPriority();
    const [plain, lowered] = [testPool(), testPool({ nice: 7 })];
    expect(await plain.run(priorityTask, {})).toBe(main);
    expect(await lowered.run(priorityTask, {})).toBe(main + 7);
    expect(os.getPriority()).toBe(main);
  });

  it("refuses a nice value outside 0–19", () => {
    expect(() => new EnginePool({ nice: 20 })).toThrow(RangeError);
    expect(() => new EnginePool({ nice: -1 })).toThrow(RangeError);
    expect(() => new EnginePool({ nice: 2.5 })).toThrow(RangeError);
  });

  it("rejects queued and running tasks when closed, and any task after", async () => {
    const p = testPool({ size: 1 });
    const running = p.run(spinTask, {}).catch((e: unknown) => e);
    const queued = p.run(diffFilesTask, { pairs: [], options: DIFF_OPTIONS }).catch((e: unknown) => e);
    await p.close();
    expect(await running).toMatchObject({ kind: "closed", task: "spin" });
    expect(await queued).toMatchObject({ kind: "closed", task: "diffFiles" });
    await expect(p.run(diffFilesTask, { pairs: [], options: DIFF_OPTIONS })).rejects.toMatchObject({ kind: "closed" });
  });
});

describe("the worker bundles", () => {
  it("hold the test-only kinds in the test bundle only", () => {
    const production = readFileSync(workerPath, "utf8");
    const test = readFileSync(testWorkerPath, "utf8");
    // Task names survive bundling as words (handler keys), so their absence means something.
    for (const bundle of [production, test]) expect(bundle).toMatch(/\bdiffFiles\b/);
    for (const kind of ["spin", "crash"]) {
      const word = new RegExp(`\\b${kind}\\b`);
      expect(production).not.toMatch(word);
      expect(test).toMatch(word);
    }
  });
});

describe("EnginePool without the worker bundle", () => {
  it("runs tasks inline with the same results, warning once", async () => {
    const warnings: string[] = [];
    const inline = pool({ workerPath: `${workerPath}.missing`, warn: (m) => warnings.push(m) });
    const workers = pool({ size: 1 });
    expect(inline.mode).toBe("inline");

    const pairs = samplePairs();
    expect(await inline.run(diffFilesTask, { pairs, options: DIFF_OPTIONS })).toEqual(
      await workers.run(diffFilesTask, { pairs, options: DIFF_OPTIONS }),
    );
    const { input } = renderCase(editedPair("src/app.ts", 5, 500, 15), 400);
    await warmUp(() => inline.run(renderFileTask, input), () => workers.run(renderFileTask, input));
    expect(await inline.run(renderFileTask, input)).toEqual(await workers.run(renderFileTask, input));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("build-workers");
    expect(inline.stats()).toMatchObject({ mode: "inline", workers: 0 });
  });

  it("wraps a task's error in TaskFailed and never runs the test-only kinds", async () => {
    const inline = testPool({ size: 0 });
    expect(inline.mode).toBe("inline");
    const broken = { pairs: null, options: DIFF_OPTIONS } as unknown as DiffFilesInput;
    await expect(inline.run(diffFilesTask, broken)).rejects.toMatchObject({ kind: "failed", remoteName: "TypeError" });
    await expect(inline.run(crashTask, { exitCode: 1 })).rejects.toBeInstanceOf(TaskFailed);
  });
});

describe("pool configuration", () => {
  const env = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });

  it("reads PKGDIFF_WORKER_PATH, PKGDIFF_WORKERS and PKGDIFF_WORKER_NICE", () => {
    expect(enginePoolOptionsFromEnv(env({ PKGDIFF_WORKER_PATH: "/x/w.mjs", PKGDIFF_WORKERS: "3", PKGDIFF_WORKER_NICE: "0" }))).toEqual({
      workerPath: "/x/w.mjs",
      size: 3,
      nice: 0,
    });
    expect(enginePoolOptionsFromEnv(env({}))).toEqual({ nice: 10 });
    // `next dev`: inline unless asked, since dist/ would hold a stale engine.
    expect(enginePoolOptionsFromEnv({ NODE_ENV: "development" })).toEqual({ size: 0, nice: 10 });
    expect(enginePoolOptionsFromEnv({ NODE_ENV: "development", PKGDIFF_WORKERS: "2" })).toEqual({ size: 2, nice: 10 });
    expect(() => enginePoolOptionsFromEnv(env({ PKGDIFF_WORKERS: "two" }))).toThrow(/PKGDIFF_WORKERS/);
    expect(() => enginePoolOptionsFromEnv(env({ PKGDIFF_WORKER_NICE: "20" }))).toThrow(/PKGDIFF_WORKER_NICE/);
  });

  it("sizes the pool to the cores by default and shares one pool per process", () => {
    expect(new EnginePool().size).toBeGreaterThanOrEqual(1);
    expect(getEnginePool()).toBe(getEnginePool());
  });
});
