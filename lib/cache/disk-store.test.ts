import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiskStore } from "./disk-store";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("DiskStore", () => {
  it("returns what was put, when it verifies", async () => {
    const store = new DiskStore(await mkdtemp(path.join(tmpdir(), "store-")));
    await store.put("k", bytes("hello"));
    const got = await store.get("k", () => true);
    expect(new TextDecoder().decode(got)).toBe("hello");
    expect(await store.get("other", () => true)).toBeUndefined();
  });

  it("drops an entry that fails verification", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "store-"));
    const store = new DiskStore(dir);
    await store.put("k", bytes("hello"));
    // Corrupt the stored file in place.
    const [sub] = await readdir(dir);
    const [file] = await readdir(path.join(dir, sub!));
    await writeFile(path.join(dir, sub!, file!), "garbage");
    expect(await store.get("k", (b) => new TextDecoder().decode(b) === "hello")).toBeUndefined();
    expect(await readdir(path.join(dir, sub!))).toEqual([]);
  });
});
