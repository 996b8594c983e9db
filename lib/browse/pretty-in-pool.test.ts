import { describe, expect, it, vi } from "vitest";
import { TaskFailed, TaskTimeout } from "../workers/errors";
import { EnginePool } from "../workers/pool";
import type { TaskRunner } from "../workers/pooled";
import { PRETTY_TIMEOUT_MS, prettyInPool } from "./pretty-in-pool";
import { prettyPrint } from "./pretty";

const MINIFIED = "function f(a){if(a){return 1}return 2}f(1);";

describe("prettyInPool", () => {
  it("runs the pretty task with its deadline", async () => {
    const inline = new EnginePool({ size: 0 });
    const seen: unknown[] = [];
    const spy: TaskRunner = {
      run(kind, input, opts) {
        seen.push({ kind, opts });
        return inline.run(kind, input, opts);
      },
    };
    expect(await prettyInPool(spy, MINIFIED, "js")).toEqual({ ok: true, text: prettyPrint(MINIFIED, "js") });
    expect(seen).toEqual([{ kind: "pretty", opts: { timeoutMs: PRETTY_TIMEOUT_MS } }]);
  });

  it("gives the original text back when the task passes its deadline", async () => {
    const timesOut: TaskRunner = { run: (kind, _input, opts) => Promise.reject(new TaskTimeout(kind, opts?.timeoutMs ?? 0)) };
    expect(await prettyInPool(timesOut, MINIFIED, "js", { timeoutMs: 5 })).toEqual({ ok: false, text: MINIFIED, failure: "timeout" });
  });

  it("gives the original text back, and logs, when the engine fails", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const fails: TaskRunner = { run: (kind) => Promise.reject(new TaskFailed(kind, { name: "RangeError", message: "boom" })) };
    expect(await prettyInPool(fails, MINIFIED, "css")).toEqual({ ok: false, text: MINIFIED, failure: "failed" });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("boom"));
    warn.mockRestore();
  });

  it("rethrows what is not an engine error (a bug on this side)", async () => {
    const broken: TaskRunner = { run: () => Promise.reject(new TypeError("not the engine")) };
    await expect(prettyInPool(broken, MINIFIED, "js")).rejects.toThrow("not the engine");
  });
});
