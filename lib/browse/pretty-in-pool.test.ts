import { describe, expect, it, vi } from "vitest";
import { TaskFailed, TaskTimeout } from "../workers/errors";
import { EnginePool } from "../workers/pool";
import type { TaskRunner } from "../workers/pooled";
import { PRETTY_TIMEOUT_MS, prettyInPool } from "./pretty-in-pool";
import { prettyPrint } from "./pretty";
import { workerPoolForTests } from "../workers/test-fixtures";
import { prettyTask } from "./worker-tasks";

const MINIFIED = "function f(a){if(a){return 1}return 2}f(1);";

describe("prettyInPool", () => {
  it("runs the pretty task with its deadline", async () => {
    const inline = new EnginePool({ size: 0 });
    const seen: unknown[] = [];
    const spy: TaskRunner = {
      run(task, input, opts) {
        seen.push({ kind: task.id, opts });
        return inline.run(task, input, opts);
      },
    };
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

describe("the pretty task", () => {
  const workers = workerPoolForTests(1);

  it("gives in a worker the text prettyPrint() gives inline", async () => {
    const text = 'var a={b:"{;}"};if(a)/x;{/.test(a.b)&&f();a{color:red}';
    expect(workers().mode).toBe("workers");
    const inWorker = await workers().run(prettyTask, { text, lang: "js" });
    expect(inWorker).toBe(prettyPrint(text, "js"));
    expect(inWorker.split("\n").length).toBeGreaterThan(3);
  });
});
