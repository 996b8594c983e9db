import { describe, expect, it } from "vitest";
import { cachedLoader } from "./cached-loader";

/** A loader whose calls are counted and whose results the test releases by hand. */
function controlledLoader() {
  const calls: string[] = [];
  const pending: Array<{ key: string; resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  const load = (key: string): Promise<string> =>
    new Promise((resolve, reject) => {
      calls.push(key);
      pending.push({ key, resolve, reject });
    });
  return { calls, pending, load };
}

function countingLoader() {
  const calls: string[] = [];
  const load = async (key: string): Promise<string> => {
    calls.push(key);
    return `${key}#${calls.length}`;
  };
  return { calls, load };
}

describe("cachedLoader", () => {
  it("serves a fresh value from cache and reloads after the TTL", async () => {
    let now = 1_000;
    const { calls, load } = countingLoader();
    const get = cachedLoader(load, { ttlMs: 100, maxEntries: 10, now: () => now });
    expect(await get("a")).toBe("a#1");
    now += 100; // fresh through its last millisecond
    expect(await get("a")).toBe("a#1");
    now += 1;
    expect(await get("a")).toBe("a#2");
    now += 50;
    expect(await get("a")).toBe("a#2"); // the reload starts a new TTL
    expect(calls).toEqual(["a", "a"]);
  });

  it("with a TTL of 0, asks again on every call that is not joining a load in flight", async () => {
    const { calls, load } = countingLoader();
    const get = cachedLoader(load, { ttlMs: 0, maxEntries: 10 });
    expect(await get("a")).toBe("a#1");
    expect(await get("a")).toBe("a#2");
    expect(calls).toEqual(["a", "a"]);
  });

  it("shares one load between concurrent callers", async () => {
    const { calls, pending, load } = controlledLoader();
    const get = cachedLoader(load, { ttlMs: 0, maxEntries: 10 });
    const all = Promise.all([get("a"), get("a"), get("a")]);
    expect(calls).toEqual(["a"]);
    pending[0]?.resolve("A");
    expect(await all).toEqual(["A", "A", "A"]);
  });

  it("does not cache failures", async () => {
    const { calls, pending, load } = controlledLoader();
    const get = cachedLoader(load, { ttlMs: 60_000, maxEntries: 10 });
    const first = get("a");
    pending[0]?.reject(new Error("registry down"));
    await expect(first).rejects.toThrow("registry down");
    const second = get("a");
    pending[1]?.resolve("A");
    expect(await second).toBe("A");
    expect(calls).toEqual(["a", "a"]);
  });

  it("evicts the least recently used name past maxEntries", async () => {
    const { calls, load } = countingLoader();
    const get = cachedLoader(load, { ttlMs: 60_000, maxEntries: 2 });
    await get("a");
    await get("b");
    await get("a"); // a is now the most recent
    await get("c"); // evicts b
    await get("a");
    await get("b");
    expect(calls).toEqual(["a", "b", "c", "b"]);
  });

  it("lets one caller abort without failing the shared load", async () => {
    const { calls, pending, load } = controlledLoader();
    const get = cachedLoader(load, { ttlMs: 60_000, maxEntries: 10 });
    const controller = new AbortController();
    const aborted = get("a", controller.signal);
    const patient = get("a");
    controller.abort(new Error("user left"));
    await expect(aborted).rejects.toThrow("user left");
    pending[0]?.resolve("A");
    expect(await patient).toBe("A");
    expect(await get("a")).toBe("A");
    expect(calls).toEqual(["a"]);
  });

  it("rejects at once for an already aborted signal, even on a cache hit", async () => {
    const { load } = countingLoader();
    const get = cachedLoader(load, { ttlMs: 60_000, maxEntries: 10 });
    await get("a");
    await expect(get("a", AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });
});
