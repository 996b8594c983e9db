import { afterEach, describe, expect, it, vi } from "vitest";
import { file } from "../diff/test-helpers";
import { TaskTimeout } from "../workers/errors";
import { EnginePool } from "../workers/pool";
import type { TaskRunner } from "../workers/pooled";
import { linesPath } from "./browse-path";
import { loadFileContent } from "./file-content";
import { prettyPrint } from "./pretty";
import { textView } from "./text-view";

/** The pool textView() and loadFileContent() use: each test decides what its pretty and markdown tasks do. */
const pool = vi.hoisted(() => ({ run: undefined as TaskRunner["run"] | undefined, calls: 0 }));
vi.mock("../workers/pool", async (importOriginal) => {
  const real = await importOriginal<typeof import("../workers/pool")>();
  const inline = new real.EnginePool({ size: 0 });
  const runner: TaskRunner = {
    run(task, input, opts) {
      if ((task.id !== "pretty" && task.id !== "markdown") || !pool.run) return inline.run(task, input, opts);
      pool.calls++;
      return pool.run(task, input, opts);
    },
  };
  return { ...real, getEnginePool: () => runner };
});

const MINIFIED = Array.from({ length: 300 }, (_, i) => `function f${i}(a){if(a){return ${i}}return{x:"${i};{"}}`).join("");
let n = 0;
/** A minified file under a key no other test used (the view caches are per process). */
function minifiedFile() {
  n++;
  return { key: `test:pkg@1.0.0:dist/app${n}.min.js`, file: file(`dist/app${n}.min.js`, MINIFIED) };
}

afterEach(() => {
  pool.run = undefined;
  pool.calls = 0;
});

describe("textView with pretty", () => {
  it("lays the file out in the pool and keeps the view", async () => {
    const { key, file: f } = minifiedFile();
    const view = await textView(key, f, true);
    expect(view).toMatchObject({ key: `${key}:pretty`, pretty: true, minified: true });
    expect(view.prettyFailed).toBeUndefined();
    expect(view.lines.join("\n") + "\n").toBe(prettyPrint(MINIFIED, "js"));
    expect(await textView(key, f, true)).toBe(view);
  });

  it("shares one task between concurrent requests", async () => {
    const { key, file: f } = minifiedFile();
    let finish: (text: string) => void = () => {};
    pool.run = () => new Promise((resolve) => (finish = resolve as (text: string) => void));
    const first = textView(key, f, true);
    const second = textView(key, f, true);
    // Both calls reach the pool (or not) before their first await.
    expect(pool.calls).toBe(1);
    finish("a;\nb;\n");
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(a.lines).toEqual(["a;", "b;"]);
    expect(pool.calls).toBe(1);
  });

  it("falls back to the file as published past the deadline, and tries again next time", async () => {
    const { key, file: f } = minifiedFile();
    pool.run = (task, _input, opts) => Promise.reject(new TaskTimeout(task.id, opts?.timeoutMs ?? 0));
    const view = await textView(key, f, true);
    expect(view).toMatchObject({ key, pretty: false, prettyFailed: "timeout", minified: true, lines: [MINIFIED] });
    await textView(key, f, true);
    expect(pool.calls).toBe(2);
  });

  it("the page shows the original with a note instead of failing", async () => {
    const { file: f } = minifiedFile();
    pool.run = (task) => Promise.reject(new TaskTimeout(task.id, 1));
    const page = { prefix: "", name: "pkg", version: "1.0.0", cacheKey: `test:pkg@1.0.0#${n}` };
    const content = await loadFileContent(page, f, { plain: false, pretty: true });
    expect(content).toMatchObject({ kind: "text", lineCount: 1, pretty: false, canPretty: true, prettyNote: expect.stringContaining("too long") });
    // The slices are the original's, served (and cached) without ?pretty=1.
    expect(content.kind === "text" && content.linesSrc).toBe(linesPath("pkg", "1.0.0", f.path));
  });
});

describe("loadFileContent with Markdown", () => {
  const page = { prefix: "", name: "pkg", version: "1.0.0", cacheKey: "test:pkg@1.0.0#markdown" };

  it("renders in the pool, and keeps the HTML", async () => {
    const f = file("docs/ok.md", "# Hello\n\n```js\nconst a = 1;\n```\n");
    pool.run = (task, input, opts) => new EnginePool({ size: 0 }).run(task, input, opts);
    const content = await loadFileContent(page, f, { plain: false, pretty: false });
    expect(content).toMatchObject({ kind: "markdown", lineCount: 5, html: expect.stringContaining('<h1 id="md-hello">Hello</h1>') });
    expect(pool.calls).toBe(1);
    await loadFileContent(page, f, { plain: false, pretty: false });
    expect(pool.calls).toBe(1);
  });

  it("shows the source with a note when rendering passes the deadline, and tries again next time", async () => {
    const f = file("README.md", "# Slow\n\ntext\n");
    pool.run = (task, _input, opts) => Promise.reject(new TaskTimeout(task.id, opts?.timeoutMs ?? 0));
    const content = await loadFileContent(page, f, { plain: false, pretty: false });
    expect(content).toMatchObject({ kind: "text", lineCount: 3, markdownSource: true, prettyNote: "Rendering this Markdown took too long; it is shown as source." });
    pool.run = undefined;
    expect(await loadFileContent(page, f, { plain: false, pretty: false })).toMatchObject({ kind: "markdown" });
    expect(pool.calls).toBe(1);
  });
});
