import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight";

describe("SingleFlight", () => {
  it("shares one computation between concurrent callers", async () => {
    const flight = new SingleFlight<string, number>();
    let calls = 0;
    let finish: (value: number) => void = () => undefined;
    // Stays in flight until the test finishes it, so every caller below arrives while it runs.
    const compute = () => {
      calls += 1;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const pending = [flight.run("k", compute), flight.run("k", compute), flight.run("k", compute)];
    expect(flight.has("k")).toBe(true);
    finish(42);
    expect(await Promise.all(pending)).toEqual([42, 42, 42]);
    expect(calls).toBe(1);
    expect(flight.has("k")).toBe(false);
  });

  it("forgets failures so the next caller retries", async () => {
    const flight = new SingleFlight<string, number>();
    await expect(flight.run("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(flight.run("k", () => Promise.resolve(7))).resolves.toBe(7);
  });
});

/** Work that runs until the test settles it, and shows the signal it was handed. */
function heldWork<V>() {
  let finish: (value: V) => void = () => undefined;
  let handed: AbortSignal | undefined;
  let calls = 0;
  const work = ({ signal }: { signal: AbortSignal }) => {
    calls += 1;
    handed = signal;
    return new Promise<V>((resolve) => (finish = resolve));
  };
  return { work, finish: (value: V) => finish(value), signal: () => handed, calls: () => calls };
}

describe("SingleFlight with callers that go away", () => {
  it("rejects a caller whose signal aborts at once, and goes on for the one still waiting", async () => {
    const flight = new SingleFlight<string, number>();
    const held = heldWork<number>();
    const leaving = new AbortController();
    const first = flight.run("k", held.work, leaving.signal);
    const second = flight.run("k", held.work, new AbortController().signal);
    leaving.abort(new Error("tab closed"));
    await expect(first).rejects.toThrow("tab closed");
    expect(held.signal()?.aborted).toBe(false);
    expect(flight.has("k")).toBe(true);
    held.finish(7);
    await expect(second).resolves.toBe(7);
    expect(held.calls()).toBe(1);
  });

  it("aborts the work's signal when every caller has gone, and starts afresh for the next", async () => {
    const flight = new SingleFlight<string, number>();
    const held = heldWork<number>();
    const [a, b] = [new AbortController(), new AbortController()];
    const pending = [flight.run("k", held.work, a.signal), flight.run("k", held.work, b.signal)];
    a.abort(new Error("a went"));
    expect(held.signal()?.aborted).toBe(false);
    b.abort(new Error("b went"));
    await expect(pending[0]).rejects.toThrow("a went");
    await expect(pending[1]).rejects.toThrow("b went");
    expect(held.signal()?.aborted).toBe(true);
    expect(held.signal()?.reason).toEqual(new Error("b went"));
    expect(flight.has("k")).toBe(false);
    const again = heldWork<number>();
    const next = flight.run("k", again.work);
    again.finish(8);
    await expect(next).resolves.toBe(8);
  });

  it("never aborts the work for a caller without a signal, nor starts work for one already aborted", async () => {
    const flight = new SingleFlight<string, number>();
    const held = heldWork<number>();
    const gone = new AbortController();
    gone.abort(new Error("gone before"));
    await expect(flight.run("k", held.work, gone.signal)).rejects.toThrow("gone before");
    expect(held.calls()).toBe(0);
    const leaving = new AbortController();
    const kept = flight.run("k", held.work);
    const left = flight.run("k", held.work, leaving.signal);
    leaving.abort(new Error("left"));
    await expect(left).rejects.toThrow("left");
    expect(held.signal()?.aborted).toBe(false);
    held.finish(9);
    await expect(kept).resolves.toBe(9);
  });

  it("reports progress to every caller, replaying what a late joiner missed", async () => {
    const flight = new SingleFlight<string, number, string>();
    let report: (event: string) => void = () => undefined;
    let finish: (value: number) => void = () => undefined;
    const work = ({ progress }: { progress: (event: string) => void }) => {
      report = progress;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const early: string[] = [];
    const late: string[] = [];
    const first = flight.run("k", work, undefined, (event) => early.push(event));
    report("fetching");
    const second = flight.run("k", work, undefined, (event) => late.push(event));
    report("diffing");
    finish(1);
    await Promise.all([first, second]);
    expect(early).toEqual(["fetching", "diffing"]);
    expect(late).toEqual(["fetching", "diffing"]);
  });
});
