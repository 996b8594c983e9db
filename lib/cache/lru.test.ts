import { describe, expect, it } from "vitest";
import { LruCache } from "./lru";

describe("LruCache", () => {
  it("evicts the least recently used entries past the size bound", () => {
    const cache = new LruCache<string, string>(10, (v) => v.length);
    cache.set("a", "xxxx");
    cache.set("b", "xxxx");
    expect(cache.get("a")).toBe("xxxx"); // a is now most recent
    cache.set("c", "xxxx"); // 12 > 10: b goes
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("xxxx");
    expect(cache.get("c")).toBe("xxxx");
    expect(cache.size).toBe(8);
  });

  it("never stores a value bigger than the whole bound", () => {
    const cache = new LruCache<string, string>(3, (v) => v.length);
    cache.set("a", "xx");
    cache.set("big", "xxxxx");
    expect(cache.get("big")).toBeUndefined();
    expect(cache.get("a")).toBe("xx");
  });

  it("bounds the entry count", () => {
    const cache = new LruCache<number, number>(1000, () => 1, 2);
    cache.set(1, 1);
    cache.set(2, 2);
    cache.set(3, 3);
    expect(cache.count).toBe(2);
    expect(cache.get(1)).toBeUndefined();
  });

  it("replacing a key updates the total size", () => {
    const cache = new LruCache<string, string>(100, (v) => v.length);
    cache.set("a", "xxxxx");
    cache.set("a", "xx");
    expect(cache.size).toBe(2);
  });
});
