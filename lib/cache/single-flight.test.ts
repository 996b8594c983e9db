import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight";

describe("SingleFlight", () => {
  it("shares one computation between concurrent callers", async () => {
    const flight = new SingleFlight<string, number>();
    let calls = 0;
    const compute = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 10));
      return 42;
    };
    const results = await Promise.all([flight.run("k", compute), flight.run("k", compute), flight.run("k", compute)]);
    expect(results).toEqual([42, 42, 42]);
    expect(calls).toBe(1);
  });

  it("forgets failures so the next caller retries", async () => {
    const flight = new SingleFlight<string, number>();
    await expect(flight.run("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(flight.run("k", () => Promise.resolve(7))).resolves.toBe(7);
  });
});
