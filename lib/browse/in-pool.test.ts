import { describe, expect, it, vi } from "vitest";
import { TaskFailed, TaskTimeout } from "../workers/errors";
import { EnginePool } from "../workers/pool";
import type { TaskRunner } from "../workers/pooled";
import { workerPoolForTests } from "../workers/test-fixtures";
import { spinTask } from "../workers/test-tasks";
import { MARKDOWN_TIMEOUT_MS, markdownInPool, PRETTY_TIMEOUT_MS, prettyInPool } from "./in-pool";
import { highlightCodeBlock } from "./markdown/code-blocks";
import { renderMarkdown } from "./markdown/render";
import { prettyPrint } from "./pretty";
import { markdownTask, prettyTask } from "./worker-tasks";

const MINIFIED = "function f(a){if(a){return 1}return 2}f(1);";

/** An inline pool that notes each task it runs and the options it was given. */
function inlineSpy(): { spy: TaskRunner; seen: unknown[] } {
  const inline = new EnginePool({ size: 0 });
  const seen: unknown[] = [];
  const spy: TaskRunner = {
    run(task, input, opts) {
      seen.push({ kind: task.id, opts });
      return inline.run(task, input, opts);
    },
  };
  return { spy, seen };
}

describe("prettyInPool", () => {
  it("runs the pretty task with its deadline", async () => {
    const { spy, seen } = inlineSpy();
    expect(await prettyInPool(spy, MINIFIED, "js")).toEqual({ ok: true, text: prettyPrint(MINIFIED, "js") });
    expect(seen).toEqual([{ kind: "pretty", opts: { timeoutMs: PRETTY_TIMEOUT_MS } }]);
  });

  it("gives the original text back when the task passes its deadline", async () => {
    const timesOut: TaskRunner = { run: (task, _input, opts) => Promise.reject(new TaskTimeout(task.id, opts?.timeoutMs ?? 0)) };
    expect(await prettyInPool(timesOut, MINIFIED, "js", { timeoutMs: 5 })).toEqual({ ok: false, text: MINIFIED, failure: "timeout" });
  });

  it("gives the original text back, and logs, when the engine fails", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const fails: TaskRunner = { run: (task) => Promise.reject(new TaskFailed(task.id, { name: "RangeError", message: "boom" })) };
    expect(await prettyInPool(fails, MINIFIED, "css")).toEqual({ ok: false, text: MINIFIED, failure: "failed" });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("boom"));
    warn.mockRestore();
  });

  it("rethrows what is not an engine error (a bug on this side)", async () => {
    const broken: TaskRunner = { run: () => Promise.reject(new TypeError("not the engine")) };
    await expect(prettyInPool(broken, MINIFIED, "js")).rejects.toThrow("not the engine");
  });
});

// The test bundle: the shipped tasks plus "spin", which only a deadline ends.
const workers = workerPoolForTests(2, "test");

describe("the pretty task", () => {
  it("gives in a worker the text prettyPrint() gives inline", async () => {
    const text = 'var a={b:"{;}"};if(a)/x;{/.test(a.b)&&f();a{color:red}';
    expect(workers().mode).toBe("workers");
    const inWorker = await workers().run(prettyTask, { text, lang: "js" });
    expect(inWorker).toBe(prettyPrint(text, "js"));
    expect(inWorker.split("\n").length).toBeGreaterThan(3);
  });
});

// Highlighted fences, raw HTML the sanitizer must strip, relative links and images the URL policy rewrites.
const README = [
  "# Demo <script>alert(1)</script>",
  "",
  "See [the guide](docs/guide.md), [home](https://example.com/x) and ![logo](./logo.png).",
  "",
  '<p align="center" onclick="x()"><img src="javascript:alert(1)"> <a href="javascript:alert(2)">bad</a></p>',
  "",
  "```js",
  "const a = 1; // <b>not bold</b>",
  "```",
  "",
  "```sh",
  "npm install demo",
  "```",
  "",
  "| a | b |",
  "| :- | -: |",
  "| 1 | 2 |",
].join("\n");
const BASE = { name: "demo-pkg", version: "1.2.0", folder: "docs", prefix: "" };

describe("markdownInPool", () => {
  it("gives in a worker the HTML renderMarkdown() gives in process, code blocks highlighted", async () => {
    const inProcess = await renderMarkdown(README, { base: BASE, highlight: highlightCodeBlock });
    const out = await markdownInPool(workers(), README, BASE);
    expect(out).toEqual({ ok: true, html: inProcess });
    // The page's own checks still hold: highlighted, sanitized, links rewritten.
    expect(inProcess).toContain('<pre class="md-code hl" data-lang="js">');
    expect(inProcess).toContain("<span");
    expect(inProcess).not.toMatch(/<script|javascript:|onclick/);
    expect(inProcess).toContain('href="/browse/demo-pkg/1.2.0/docs/docs/guide.md"');
  });

  it("runs the markdown task with its deadline", async () => {
    const { spy, seen } = inlineSpy();
    expect(await markdownInPool(spy, "# Hi", BASE)).toEqual({ ok: true, html: await renderMarkdown("# Hi", { base: BASE }) });
    expect(seen).toEqual([{ kind: markdownTask.id, opts: { timeoutMs: MARKDOWN_TIMEOUT_MS } }]);
  });

  it("gives up at the deadline on a job that never finishes", async () => {
    // The markdown job swapped for one that never answers: only the pool's deadline can end it.
    const neverDone: TaskRunner = { run: (_task, _input, opts) => workers().run(spinTask, {}, opts) as Promise<never> };
    expect(await markdownInPool(neverDone, README, BASE, { timeoutMs: 50 })).toEqual({ ok: false, failure: "timeout" });
    // The pool replaced the stuck worker and serves on.
    expect((await markdownInPool(workers(), "# Hi", BASE)).ok).toBe(true);
  });

  it("gives the failure back, and logs, when the engine fails", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const fails: TaskRunner = { run: (task) => Promise.reject(new TaskFailed(task.id, { name: "RangeError", message: "boom" })) };
    expect(await markdownInPool(fails, README, BASE)).toEqual({ ok: false, failure: "failed" });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("boom"));
    warn.mockRestore();
  });
});
