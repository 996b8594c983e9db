import { describe, expect, it } from "vitest";
import { Gate } from "../../fixtures/gate";
import { runWarmUp, type WarmUpStep } from "./warm-up";

/** A clock the test moves: each step "takes" what the test says. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("runWarmUp", () => {
  it("is warming until every step has run, then ready with each step's time", async () => {
    const time = clock();
    const gate = new Gate();
    const ran: string[] = [];
    const steps: WarmUpStep[] = [
      { name: "workers", run: async () => (ran.push("workers"), time.advance(120), gate.pass()) },
      { name: "index", run: async () => (ran.push("index"), time.advance(30)) },
    ];
    const readiness = runWarmUp(steps, { now: time.now });
    await gate.arrived();
    expect(readiness.state).toBe("warming");
    expect(ran).toEqual(["workers"]); // one after another, not all at once
    gate.open();
    await readiness.done;
    expect(readiness.state).toBe("ready");
    expect(readiness.steps).toEqual([
      { name: "workers", ms: 120 },
      { name: "index", ms: 30 },
    ]);
    expect(readiness.ms).toBe(150);
  });

  it("records a failed step, logs it, and is ready all the same", async () => {
    const logged: unknown[] = [];
    const readiness = runWarmUp(
      [
        { name: "search index", run: () => Promise.reject(new Error("no such file: names.txt")) },
        { name: "highlighter", run: () => Promise.resolve() },
      ],
      { now: clock().now, log: (report) => logged.push(report) },
    );
    await readiness.done;
    expect(readiness.state).toBe("ready");
    expect(readiness.steps).toEqual([
      { name: "search index", ms: 0, error: "no such file: names.txt" },
      { name: "highlighter", ms: 0 },
    ]);
    expect(logged).toEqual([{ name: "search index", ms: 0, error: "no such file: names.txt" }]);
  });
});
