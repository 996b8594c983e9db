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
