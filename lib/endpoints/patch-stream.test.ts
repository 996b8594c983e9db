import { describe, expect, it } from "vitest";
import { Gate } from "../../fixtures/gate";
import { serializeFilePatch, serializePatch } from "../diff/patch";
import { file, tree } from "../diff/test-helpers";
import { diffTrees } from "../diff/tree-diff";
import { getService } from "../service/instance";
import { withAppEnv } from "../testing/app-env";
import { EnginePool } from "../workers/pool";
import type { TaskRunner } from "../workers/pooled";
import { workerPoolForTests } from "../workers/test-fixtures";
import type { PatchFilesInput } from "../workers/worker-tasks";
import { type PatchSource, patchBody } from "./patch-stream";

withAppEnv();
const workers = workerPoolForTests(2);
const inline = new EnginePool({ size: 0 });

/** The fixture pairs whose patches api.test.ts checks with `git apply`. */
const FIXTURE_PAIRS = [
  ["demo-pkg", "1.1.0", "1.2.0", false],
  ["demo-pkg", "1.0.0", "2.0.0-rc.1", false],
  ["demo-pkg", "1.2.0", "1.1.0", false],
  ["@scope/widget", "1.0.0", "1.1.0", false],
  ["odd-top", "1.0.0", "1.0.1", false],
  ["sha1-only", "1.0.0", "1.1.0", false],
  ["demo-pkg", "1.1.0", "1.2.0", true],
  ["demo-pkg", "1.2.0", "2.0.0-rc.1", false],
  ["big-pkg", "1.0.0", "2.0.0", false],
] as const;

async function fixtureSource(name: string, from: string, to: string, ignoreWhitespace: boolean): Promise<PatchSource> {
  const diff = await getService("npm").getDiff(name, from, to, { ignoreWhitespace });
  return { files: diff.files, sides: await diff.trees(), options: { ignoredWhitespace: ignoreWhitespace } };
}

async function text(body: string | ReadableStream<Uint8Array>): Promise<string> {
  return typeof body === "string" ? body : new Response(body).text();
}

/** Twelve changed files, so a patch can be cut into many batches. */
function twelveFiles(): PatchSource {
  const paths = Array.from({ length: 12 }, (_, i) => `src/f${String(i).padStart(2, "0")}.js`);
  const oldTree = tree(paths.map((p, i) => file(p, `export const v = ${i};\nshared();\n`)));
  const newTree = tree(paths.map((p, i) => file(p, `export const v = ${i + 1};\nshared();\n`)));
  const { files } = diffTrees(oldTree, newTree, { maxFileBytes: 1e6, budgetMs: 60_000 });
  return { files, sides: { old: oldTree, new: newTree }, options: {} };
}

/** A pool whose k-th task waits at `gates[k]`, then runs inline; `asked` lists each task's files. */
function gatedPool(count: number) {
  const gates = Array.from({ length: count }, () => new Gate());
  const asked: string[][] = [];
  const runner: TaskRunner = {
    async run(task, input, opts) {
      const k = asked.length;
      asked.push((input as PatchFilesInput).files.map((f) => f.path));
      await gates[k]!.pass();
      return inline.run(task, input, opts);
    },
  };
  return { gates, asked, runner };
}

/** Lets every callback already queued run (no time passes: this orders nothing, it drains). */
const drain = () => new Promise((resolve) => setImmediate(resolve));

describe("patchBody", () => {
  it.each(FIXTURE_PAIRS)("streams serializePatch's bytes for %s %s..%s (w=%s), batch by batch in the workers", async (name, from, to, w) => {
    const source = await fixtureSource(name, from, to, w);
    const expected = serializePatch(source.files, source.sides, source.options);
    for (const batchFiles of [1, 2, 64]) {
      const body = patchBody(workers(), source, { batchFiles, inlineBytes: -1 });
      expect(typeof body, "streamed").not.toBe("string");
      expect(await text(body), `batchFiles ${batchFiles}`).toBe(expected);
    }
  });

  it("streams the sections it is handed as they are, and only the other files' batches go to the pool", async () => {
    const source = twelveFiles();
    // Every third file's section already written (as the diff's workers write them for a .patch that started the diff).
    const sections = new Map(source.files.filter((_, i) => i % 3 === 0).map((f) => [f, new TextEncoder().encode(serializeFilePatch(f, source.sides))]));
    const asked: string[][] = [];
    const spy: TaskRunner = { run: (task, input, opts) => (asked.push((input as PatchFilesInput).files.map((f) => f.path)), inline.run(task, input, opts)) };
    const body = patchBody(spy, { ...source, sections }, { batchFiles: 4 });
    expect(await text(body)).toBe(serializePatch(source.files, source.sides));
    // The runs between written files, cut into batches: f01–f02, f04–f05, f07–f08, f10–f11.
    expect(asked).toEqual([1, 4, 7, 10].map((i) => [i, i + 1].map((j) => `src/f${String(j).padStart(2, "0")}.js`)));
    // All written: nothing for the pool, and neighbouring sections go out together (one chunk here, not twelve).
    const all = new Map(source.files.map((f) => [f, new TextEncoder().encode(serializeFilePatch(f, source.sides))]));
    asked.length = 0;
    const reader = (patchBody(spy, { ...source, sections: all }, { batchFiles: 4 }) as ReadableStream<Uint8Array>).getReader();
    const chunks: string[] = [];
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(new TextDecoder().decode(chunk.value));
    expect(chunks).toEqual([serializePatch(source.files, source.sides)]);
    expect(asked).toEqual([]);
    // A patch small enough to write here is one string, sections or not.
    expect(patchBody(spy, { ...source, sections: all })).toBe(serializePatch(source.files, source.sides));
  });

  it("writes a small patch on the calling thread, as the same string", async () => {
    const source = await fixtureSource("demo-pkg", "1.1.0", "1.2.0", false);
    const asked: unknown[] = [];
    const spy: TaskRunner = { run: (task, input, opts) => (asked.push(input), inline.run(task, input, opts)) };
    const body = patchBody(spy, source);
    expect(body).toBe(serializePatch(source.files, source.sides, source.options));
    expect(asked).toEqual([]);
  });

  it("streams a patch of more than one batch with the default options (as the endpoint sends big-pkg's)", async () => {
    const source = await fixtureSource("big-pkg", "1.0.0", "2.0.0", false);
    const body = patchBody(workers(), source);
    expect(body).toBeInstanceOf(ReadableStream);
    expect(await text(body)).toBe(serializePatch(source.files, source.sides, source.options));
  });

  it("sends the first batch while later ones are held, and keeps two batches ahead of the reader at most", async () => {
    const source = twelveFiles();
    const { gates, asked, runner } = gatedPool(12);
    gates[0]!.open();
    const reader = (patchBody(runner, source, { batchFiles: 1 }) as ReadableStream<Uint8Array>).getReader();

    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe(serializePatch(source.files.slice(0, 1), source.sides));
    await gates[2]!.arrived();
    await drain();
    // Batch 0 read; 1 and 2 in the making, held; nothing further asked for.
    expect(asked).toEqual([["src/f00.js"], ["src/f01.js"], ["src/f02.js"]]);

    const second = reader.read();
    gates[1]!.open();
    expect(new TextDecoder().decode((await second).value)).toBe(serializePatch(source.files.slice(1, 2), source.sides));
    await gates[3]!.arrived();
    await drain();
    expect(asked).toHaveLength(4);

    for (const gate of gates) gate.open();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe(serializePatch(source.files.slice(2), source.sides));
    expect(asked).toHaveLength(12);
  });

  it("asks the pool for no further batch once the client cancels", async () => {
    const source = twelveFiles();
    const { gates, asked, runner } = gatedPool(12);
    gates[0]!.open();
    const reader = (patchBody(runner, source, { batchFiles: 1 }) as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    for (const gate of gates) gate.open();
    await gates[2]!.arrived();
    await drain();
    expect(asked).toHaveLength(3);
  });

  it("queues each patch's batches in a pool lane of its own", async () => {
    const source = twelveFiles();
    const lanes = [new Set<string | undefined>(), new Set<string | undefined>()];
    for (const seen of lanes) {
      const spy: TaskRunner = { run: (task, input, opts) => (seen.add(opts?.lane), inline.run(task, input, opts)) };
      await text(patchBody(spy, source, { batchFiles: 2 }));
    }
    const [first, second] = lanes.map((seen) => [...seen]);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first![0]).toMatch(/\S/);
    expect(first![0]).not.toBe(second![0]);
  });

  it("errors the stream (so the response is cut off, not short) when a batch fails", async () => {
    const source = twelveFiles();
    const failing: TaskRunner = { run: (task, input, opts) => ((input as PatchFilesInput).files[0]!.path === "src/f01.js" ? Promise.reject(new Error("worker crashed")) : inline.run(task, input, opts)) };
    const reader = (patchBody(failing, source, { batchFiles: 1 }) as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await expect(reader.read()).rejects.toThrow("worker crashed");
  });
});
