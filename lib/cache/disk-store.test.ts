import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiskBudget, DiskStore, sealed, unsealed } from "./disk-store";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
const tempDir = () => mkdtemp(path.join(tmpdir(), "store-"));

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await readdir(dir).catch(() => [])) {
    for (const file of await readdir(path.join(dir, sub)).catch(() => [])) out.push(path.join(dir, sub, file));
  }
  return out;
}

describe("DiskStore", () => {
  it("returns what was put, when it verifies", async () => {
    const store = new DiskStore(await tempDir());
    await store.put("k", bytes("hello"));
    expect(text(await store.get("k", () => true))).toBe("hello");
    expect(await store.get("other", () => true)).toBeUndefined();
    expect(await store.has("k")).toBe(true);
    expect(await store.has("other")).toBe(false);
  });

  it("drops an entry that fails verification", async () => {
    const dir = await tempDir();
    const store = new DiskStore(dir);
    await store.put("k", bytes("hello"));
    const [file] = await filesUnder(dir);
    await writeFile(file!, "garbage");
    expect(await store.get("k", (b) => text(b) === "hello")).toBeUndefined();
    expect(await filesUnder(dir)).toEqual([]);
  });

  it("leaves no temporary file behind after a write", async () => {
    const dir = await tempDir();
    const store = new DiskStore(dir);
    await Promise.all([store.put("k", bytes("one")), store.put("k", bytes("two"))]);
    const files = await filesUnder(dir);
    expect(files).toHaveLength(1);
    expect(["one", "two"]).toContain(await readFile(files[0]!, "utf8"));
  });
});

describe("DiskBudget", () => {
  it("evicts the least recently used entries once the folder passes its bound", async () => {
    const dir = await tempDir();
    const budget = new DiskBudget([dir], 1000);
    const store = new DiskStore(dir, budget);
    for (const key of ["a", "b", "c"]) await store.put(key, new Uint8Array(300));
    expect(await store.get("a", () => true)).toBeDefined(); // a is now the most recent
    await store.put("d", new Uint8Array(300)); // 1200 > 1000: evict down to 900
    expect(await store.has("b")).toBe(false);
    expect(await store.has("a")).toBe(true);
    expect(await store.has("c")).toBe(true);
    expect(await store.has("d")).toBe(true);
    expect(await budget.usedBytes()).toBe(900);
  });

  it("bounds several folders together", async () => {
    const [one, two] = [await tempDir(), await tempDir()];
    const budget = new DiskBudget([one, two], 500);
    await new DiskStore(one, budget).put("x", new Uint8Array(300));
    await new DiskStore(two, budget).put("y", new Uint8Array(300));
    expect(await filesUnder(one)).toEqual([]);
    expect(await filesUnder(two)).toHaveLength(1);
  });

  it("after a restart, counts what is on disk, oldest first by mtime, and removes crash leftovers", async () => {
    const dir = await tempDir();
    const first = new DiskStore(dir, new DiskBudget([dir], 10_000));
    await first.put("old", new Uint8Array(400).fill(1));
    await first.put("new", new Uint8Array(400).fill(2));
    for (const file of await filesUnder(dir)) {
      // Written in the same millisecond maybe: make "old" clearly older on disk.
      if ((await readFile(file))[0] === 1) await utimes(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
    }
    await mkdir(path.join(dir, "ff"), { recursive: true });
    await writeFile(path.join(dir, "ff", "partial.1234.tmp"), "cut short");
    await utimes(path.join(dir, "ff", "partial.1234.tmp"), new Date(2000, 0, 1), new Date(2000, 0, 1));
    await writeFile(path.join(dir, "ff", "writing.5678.tmp"), "a write in progress");

    const budget = new DiskBudget([dir], 600);
    const second = new DiskStore(dir, budget);
    expect(await budget.usedBytes()).toBe(400); // 800 > 600: the older one went at start-up
    expect(await second.has("old")).toBe(false);
    expect(await second.has("new")).toBe(true);
    expect(await readdir(path.join(dir, "ff"))).toEqual(["writing.5678.tmp"]);
  });
});

describe("sealed entries", () => {
  it("round-trip, and any changed or cut byte reads as missing", async () => {
    const entry = await sealed(bytes("payload"));
    expect(text(unsealed(entry))).toBe("payload");
    const flipped = entry.slice();
    flipped[33] = flipped[33]! ^ 1;
    expect(unsealed(flipped)).toBeUndefined();
    expect(unsealed(entry.subarray(0, entry.length - 1))).toBeUndefined();
    expect(unsealed(entry.subarray(0, 10))).toBeUndefined();
  });

  it("seals a big payload in steps, letting other work run between them, to the same bytes", async () => {
    const payload = new Uint8Array(9 * 1024 * 1024 + 5).map((_, i) => (i * 31) % 251);
    const order: string[] = [];
    const sealing = sealed(payload).then((entry) => {
      order.push("sealed");
      return entry;
    });
    setImmediate(() => order.push("other work"));
    const entry = await sealing;
    expect(order).toEqual(["other work", "sealed"]);
    expect(entry.subarray(0, 32)).toEqual(new Uint8Array(createHash("sha256").update(payload).digest()));
    expect(Buffer.compare(Buffer.from(unsealed(entry)!), Buffer.from(payload))).toBe(0);
  });
});
