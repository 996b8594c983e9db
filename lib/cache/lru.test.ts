import { describe, expect, it } from "vitest";
import { LruCache } from "./lru.mjs";

const byLength = (v: string) => v.length;

describe("LruCache", () => {
  it("evicts the least recently used entries past the byte bound", () => {
    const cache = new LruCache<string, string>({ maxBytes: 10, sizeOf: byLength });
    cache.set("a", "xxxx");
    cache.set("b", "xxxx");
    expect(cache.get("a")).toBe("xxxx"); // a is now most recent
    cache.set("c", "xxxx"); // 12 > 10: b goes
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("xxxx");
    expect(cache.get("c")).toBe("xxxx");
    expect(cache.bytes).toBe(8);
  });

  it("never stores a value bigger than the whole bound, and drops what its key held", () => {
    const cache = new LruCache<string, string>({ maxBytes: 3, sizeOf: byLength });
    cache.set("a", "xx");
    cache.set("big", "x");
    cache.set("big", "xxxxx");
    expect(cache.get("big")).toBeUndefined();
    expect(cache.get("a")).toBe("xx");
    expect(cache.bytes).toBe(2);
  });

  it("never stores a value bigger than maxEntryBytes", () => {
    const cache = new LruCache<string, string>({ maxBytes: 100, maxEntryBytes: 4, sizeOf: byLength });
    cache.set("small", "xxxx");
    cache.set("big", "xxxxx");
    expect(cache.get("small")).toBe("xxxx");
    expect(cache.get("big")).toBeUndefined();
  });

  it("bounds the entry count", () => {
    const cache = new LruCache<number, number>({ maxBytes: 1000, sizeOf: () => 1, maxEntries: 2 });
    cache.set(1, 1);
    cache.set(2, 2);
    cache.set(3, 3);
    expect(cache.count).toBe(2);
    expect(cache.get(1)).toBeUndefined();
  });

  it("replacing a key updates the total size; deleting frees it", () => {
    const cache = new LruCache<string, string>({ maxBytes: 100, sizeOf: byLength });
    cache.set("a", "xxxxx");
    cache.set("a", "xx");
    expect(cache.bytes).toBe(2);
    cache.delete("a");
    expect(cache.bytes).toBe(0);
    expect(cache.get("a")).toBeUndefined();
  });

  it("counts a value whose estimate is 0 or fractional as a whole byte at least", () => {
    const cache = new LruCache<string, string>({ maxBytes: 2, sizeOf: (v) => (v === "" ? 0 : 0.5) });
    cache.set("empty", "");
    cache.set("half", "h");
    expect(cache.bytes).toBe(2);
    cache.set("more", "m"); // a third whole byte: the least recent goes
    expect(cache.get("empty")).toBeUndefined();
    expect(cache.get("more")).toBe("m");
  });

  it("stores nothing with a bound of 0", () => {
    const cache = new LruCache<string, string>({ maxBytes: 0, sizeOf: byLength });
    cache.set("a", "x");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.count).toBe(0);
  });
});
