import { describe, expect, it } from "vitest";
import { file, tree } from "../diff/test-helpers";
import { diffTrees } from "../diff/tree-diff";
import { renderFileHtml } from "../render/file-table";
import type { PackageEntry } from "../tarball/types";
import { TaskTimeout } from "./errors";
import { EnginePool } from "./pool";
import { type TaskRunner, diffTreesPooled, renderFilePooled } from "./pooled";
import { needsLineWork, serializeFilePatch } from "../diff/patch";
import type { TreeDiff } from "../diff/tree-diff";
import { poolTask } from "./task";
import type { DiffFilesInput, ScanFilesInput } from "./worker-tasks";
import { DIFF_OPTIONS, editedPair, samplePairs, workerPoolForTests } from "./test-fixtures";

// One worker, so the render test's warm-up and comparison run on the same highlighter.
const pool = workerPoolForTests(1);

/** Old and new trees holding every sample pair plus a few edited files. */
function sampleTrees() {
  const pairs = [...samplePairs(), ...[1, 2, 3, 4, 5].map((seed) => editedPair(`src/m${seed}.js`, seed, 200 * seed, 4 * seed))];
  const sides = (side: "old" | "new") => pairs.map((pair) => pair[side]).filter((entry): entry is PackageEntry => entry !== undefined);
  return { oldTree: tree(sides("old")), newTree: tree(sides("new")) };
}

describe("diffTreesPooled", () => {
  it("gives what diffTrees() gives, over several batches", async () => {
    const { oldTree, newTree } = sampleTrees();
    const expected = diffTrees(oldTree, newTree, DIFF_OPTIONS);
    expect(await diffTreesPooled(pool(), oldTree, newTree, DIFF_OPTIONS, { batchFiles: 2 })).toEqual({ ...expected, scans: new Map(), patches: new Map() });
    expect(await diffTreesPooled(pool(), oldTree, newTree, DIFF_OPTIONS)).toEqual({ ...expected, scans: new Map(), patches: new Map() });
    expect(expected.files.length).toBeGreaterThan(5);
  });

  it("sends only changed files to the pool", async () => {
    const { oldTree, newTree } = sampleTrees();
    const sent: string[] = [];
    const inline = new EnginePool({ size: 0 });
    const spy: TaskRunner = {
      run(kind, input, opts) {
        for (const pair of (input as DiffFilesInput).pairs) sent.push((pair.new ?? pair.old)!.path);
        return inline.run(kind, input, opts);
      },
    };
    await diffTreesPooled(spy, oldTree, newTree, DIFF_OPTIONS);
    expect(sent).not.toContain("README.md");
    expect(sent).toContain("src/m1.js");
  });

  it("queues the biggest batches first, so the biggest file does not start last", async () => {
    const { oldTree, newTree } = sampleTrees();
    const inline = new EnginePool({ size: 0 });
    const queued: number[] = [];
    const spy: TaskRunner = {
      run(kind, input, opts) {
        let bytes = 0;
        for (const pair of (input as DiffFilesInput).pairs) for (const side of [pair.old, pair.new]) if (side?.kind === "file") bytes += side.bytes.byteLength;
        queued.push(bytes);
        return inline.run(kind, input, opts);
      },
    };
    // One file per batch: the files' path order is not their size order (src/m5.js is the biggest edited one).
    const result = await diffTreesPooled(spy, oldTree, newTree, DIFF_OPTIONS, { batchFiles: 1 });
    expect(queued.length).toBeGreaterThan(3);
    expect(queued).toEqual([...queued].sort((a, b) => b - a));
    expect(result).toEqual({ ...diffTrees(oldTree, newTree, DIFF_OPTIONS), scans: new Map(), patches: new Map() }); // still in path order
  });

  it("sends one batch per turn of the event loop, so copying a huge package's files never holds it long", async () => {
    const { oldTree, newTree } = sampleTrees();
    const inline = new EnginePool({ size: 0 });
    const events: string[] = [];
    const spy: TaskRunner = { run: (task, input, opts) => (events.push("batch"), inline.run(task, input, opts)) };
    setImmediate(() => events.push("other work"));
    await diffTreesPooled(spy, oldTree, newTree, DIFF_OPTIONS, { batchFiles: 1 });
    expect(events.filter((e) => e === "batch").length).toBeGreaterThan(3);
    // The first batch goes at once; other work runs before the rest.
    expect(events.indexOf("other work")).toBe(1);
  });

  it("queues each tree diff's batches in a pool lane of its own", async () => {
    const { oldTree, newTree } = sampleTrees();
    const inline = new EnginePool({ size: 0 });
    const lanes: (string | undefined)[][] = [[], []];
    for (const seen of lanes) {
      const spy: TaskRunner = { run: (task, input, opts) => (seen.push(opts?.lane), inline.run(task, input, opts)) };
      await diffTreesPooled(spy, oldTree, newTree, DIFF_OPTIONS, { batchFiles: 2 });
    }
    const [first, second] = lanes.map((seen) => new Set(seen));
    expect(lanes[0]!.length).toBeGreaterThan(1);
    expect(first!.size).toBe(1);
    expect(second!.size).toBe(1);
    expect([...first!][0]).toMatch(/\S/);
    expect([...first!][0]).not.toBe([...second!][0]);
  });

  it("lists the files of a batch past its deadline as over budget", async () => {
    const slow = editedPair("slow.js", 9, 300, 10);
    const oldTree = tree([slow.old, file("bin.dat", new Uint8Array([0, 1]))]);
    const newTree = tree([slow.new, file("bin.dat", new Uint8Array([0, 2]))]);
    const timesOut: TaskRunner = { run: (task) => Promise.reject(new TaskTimeout(task.id, 1)) };

    const { files, totals } = await diffTreesPooled(timesOut, oldTree, newTree, DIFF_OPTIONS);
    const [binary, text] = diffTrees(oldTree, newTree, DIFF_OPTIONS).files;
    expect(files).toEqual([
      binary, // decided without line work, as usual
      { ...text, additions: 0, deletions: 0, hunks: undefined, skipped: "budget" },
    ]);
    expect(totals).toEqual({ files: 2, additions: 0, deletions: 0 });
  });

  it("writes each file's patch section in the workers when asked, as serializeFilePatch() writes it", async () => {
    const { oldTree, newTree } = sampleTrees();
    // A moved file (found by rename detection here, after the workers) and a file too large to diff (the patch diffs it again).
    const moved = file("lib/moved-to.js", "module.exports = 'moved';\n");
    const big = editedPair("lib/big.js", 7, 3_000, 5);
    const old = tree([...oldTree.entries.values(), file("lib/moved-from.js", "module.exports = 'moved';\n"), big.old]);
    const next = tree([...newTree.entries.values(), moved, big.new]);
    const options = { ...DIFF_OPTIONS, maxFileBytes: 20_000 };
    const { files, patches } = await diffTreesPooled(pool(), old, next, options, { patch: {}, batchFiles: 3 });
    const sides = { old, new: next };
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get("lib/moved-to.js")?.status).toBe("renamed");
    expect(byPath.get("lib/big.js")?.skipped).toBe("too_large");
    for (const f of files) {
      const written = patches.get(f);
      if (f.status === "renamed" || f.binary || needsLineWork(f, {})) expect(written, f.path).toBeUndefined();
      else expect(Buffer.from(written!).toString("utf8"), f.path).toBe(serializeFilePatch(f, sides));
    }
    expect(patches.size).toBeGreaterThan(5);
  });

  it("queues each batch's scan behind the diff's line diffs, and tells onDiffed before any scan ends", async () => {
    const { oldTree, newTree } = sampleTrees();
    const inline = new EnginePool({ size: 0 });
    const scan = poolTask("test.scan", ({ files }: ScanFilesInput) => ({ scans: files.map((f) => `scanned ${f.path}`) }));
    const queued: [task: string, lane: string | undefined][] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const spy: TaskRunner = {
      run(task, input, opts) {
        queued.push([task.id, opts?.lane]);
        return task.id === scan.id ? gate.then(() => inline.run(task, input, opts)) : inline.run(task, input, opts);
      },
    };
    let told!: (diff: TreeDiff) => void;
    const diffed = new Promise<TreeDiff>((resolve) => (told = resolve));
    const running = diffTreesPooled(spy, oldTree, newTree, DIFF_OPTIONS, { batchFiles: 2, scan, onDiffed: told });
    // Every file diffed while no scan can have ended (the gate is shut).
    const early = await diffed;
    expect(early.files).toEqual(diffTrees(oldTree, newTree, DIFF_OPTIONS).files);
    open();
    const { files, scans } = await running;
    expect(files).toBe(early.files);
    expect(files.map((f) => scans.get(f))).toEqual(files.map((f) => `scanned ${f.path}`));
    // Only what the scan reads is sent.
    const binaryless = await diffTreesPooled(inline, oldTree, newTree, DIFF_OPTIONS, { scan, toScan: (f) => !f.binary });
    expect(binaryless.files.map((f) => binaryless.scans.get(f))).toEqual(binaryless.files.map((f) => (f.binary ? undefined : `scanned ${f.path}`)));
    // One lane; every line diff queued before the first scan.
    const firstScan = queued.findIndex(([task]) => task === scan.id);
    expect(firstScan).toBeGreaterThan(1);
    expect(queued.slice(firstScan).every(([task]) => task === scan.id)).toBe(true);
    expect(new Set(queued.map(([, lane]) => lane)).size).toBe(1);
  });

  it("keeps the diffs of a batch whose scan passes its deadline; only its scans are missing, or marked", async () => {
    const { oldTree, newTree } = sampleTrees();
    const inline = new EnginePool({ size: 0 });
    const scan = poolTask("test.scan", ({ files }: ScanFilesInput) => ({ scans: files.map(() => "scanned") }));
    const spy: TaskRunner = { run: (task, input, opts) => (task.id === scan.id ? Promise.reject(new TaskTimeout(task.id, 1)) : inline.run(task, input, opts)) };
    const { files, scans } = await diffTreesPooled(spy, oldTree, newTree, DIFF_OPTIONS, { scan });
    expect(files).toEqual(diffTrees(oldTree, newTree, DIFF_OPTIONS).files);
    expect(scans.size).toBe(0);
    // Or marked as the caller asks, those it would have read (here: not the binary ones).
    const marked = await diffTreesPooled(spy, oldTree, newTree, DIFF_OPTIONS, { scan, toScan: (f) => !f.binary, unscanned: "not scanned" });
    expect(marked.files.some((f) => f.binary)).toBe(true);
    expect(marked.files.map((f) => marked.scans.get(f))).toEqual(marked.files.map((f) => (f.binary ? undefined : "not scanned")));
  });

  it("rethrows engine errors other than timeouts", async () => {
    const { oldTree, newTree } = sampleTrees();
    const broken: TaskRunner = { run: () => Promise.reject(new Error("boom")) };
    await expect(diffTreesPooled(broken, oldTree, newTree, DIFF_OPTIONS)).rejects.toThrow("boom");
  });
});

describe("renderFilePooled", () => {
  it("renders what renderFileHtml() renders, from the file's two entries", async () => {
    const { oldTree, newTree } = sampleTrees();
    const { files } = diffTrees(oldTree, newTree, DIFF_OPTIONS);
    const target = files.find((f) => f.path === "src/m3.js")!;
    const slice = { start: 0, count: 200 };
    const inWorker = () => renderFilePooled(pool(), target, oldTree, newTree, slice);
    const inline = () => renderFileHtml(target, oldTree, newTree, slice);
    // Warm both highlighters first: a cold one may give up on a line under load (tokenizeTimeLimit).
    await inWorker();
    await inline();
    expect(await inWorker()).toEqual(await inline());
  });
});
