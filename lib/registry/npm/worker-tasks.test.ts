// npm's pool tasks, whose buffers move between threads instead of being copied: unpack and packument.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildTar, buildTarball } from "../../../fixtures/tarball";
import { readTarball } from "../../tarball/read-tarball";
import type { PackageTree } from "../../tarball/types";
import { fromWire, toWire } from "../../tarball/wire-tree";
import { isPkgdiffError } from "../../errors";
import { workerPoolForTests } from "../../workers/test-fixtures";
import { parsePackument } from "./packument";
import { parsePackumentPooled } from "./packument-pooled";
import { npmUnpackTask } from "./worker-tasks";

const LIMITS = { maxTarballBytes: 1 << 26, maxUnpackedBytes: 1 << 24, maxEntries: 100 };

const workers = workerPoolForTests(1);

/** Paths, modes, kinds, binary flags and bytes, comparable with toEqual. */
function plain(tree: PackageTree) {
  return [...tree.entries.values()].map((e) => (e.kind === "file" ? { ...e, bytes: Buffer.from(e.bytes).toString("base64") } : e));
}

async function sample(): Promise<Uint8Array> {
  return buildTarball([
    { path: "package.json", content: '{"name":"x"}\n' },
    { path: "bin/cli.js", content: "#!/usr/bin/env node\n", mode: 0o755 },
    { path: "empty.txt", content: "" },
    { path: "logo.png", content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) },
    { path: "link", type: "symlink", linkname: "package.json" },
  ]);
}

describe("the unpack task", () => {
  it("unpacks in a worker to the same tree the reader gives, in one transferred buffer", async () => {
    expect(workers().mode).toBe("workers");
    const bytes = await sample();
    const expected = await readTarball(bytes, LIMITS);
    const out = await workers().run(npmUnpackTask, { bytes, limits: LIMITS });
    if (!out.ok) throw new Error(out.message);
    expect(out.tree.buffer.byteLength).toBe(expected.unpackedBytes);
    const tree = fromWire(out.tree);
    expect(plain(tree)).toEqual(plain(expected));
    expect(tree.unpackedBytes).toBe(expected.unpackedBytes);
  });

  it("brings the reader's refusals back with their kind and message", async () => {
    const traversal = gzipSync(await buildTar([{ path: "package/../../evil.js", content: "x", raw: true }]));
    const refused = await workers().run(npmUnpackTask, { bytes: traversal, limits: LIMITS });
    expect(refused).toMatchObject({ ok: false, kind: "bad_tarball", message: expect.stringMatching(/unsafe entry/) });
    const bomb = await buildTarball([{ path: "zeros", content: new Uint8Array(1 << 25) }]);
    expect(await workers().run(npmUnpackTask, { bytes: bomb, limits: LIMITS })).toMatchObject({ ok: false, kind: "too_large" });
    const cut = (await sample()).subarray(0, 40);
    expect(await workers().run(npmUnpackTask, { bytes: cut, limits: LIMITS })).toMatchObject({ ok: false, kind: "bad_tarball" });
  });
});

describe("wire trees", () => {
  it("round-trip every kind of entry", async () => {
    const tree = await readTarball(await sample(), LIMITS);
    expect(plain(fromWire(toWire(tree)))).toEqual(plain(tree));
  });
});

describe("the packument task", () => {
  const packument = {
    name: "p",
    "dist-tags": { latest: "1.1.0" },
    versions: {
      "1.0.0": { dist: { tarball: "http://r.test/p/-/p-1.0.0.tgz", integrity: "sha512-AAAA" }, deprecated: "old" },
      "1.1.0": { dist: { tarball: "http://r.test/p/-/p-1.1.0.tgz", shasum: "ab".repeat(20) } },
    },
    time: { "1.0.0": "2024-01-01T00:00:00.000Z", "1.1.0": "2024-02-01T00:00:00.000Z" },
    readme: "x".repeat(100_000),
  };
  const bytes = () => new TextEncoder().encode(JSON.stringify(packument));

  it("parses in a worker to what parsing on this thread gives, moving the bytes there", async () => {
    const body = bytes();
    const pkg = await parsePackumentPooled(workers(), "p", body);
    expect(pkg).toEqual(parsePackument("p", bytes()));
    expect(pkg.sortedVersions).toEqual(["1.1.0", "1.0.0"]);
    expect(body.byteLength).toBe(0); // moved, not copied
  });

  it("copies a view it can't move, leaving the caller's buffer whole", async () => {
    const whole = new Uint8Array(bytes().length + 10);
    whole.set(bytes(), 10);
    const view = whole.subarray(10);
    expect((await parsePackumentPooled(workers(), "p", view)).name).toBe("p");
    expect(whole.byteLength).toBe(bytes().length + 10);
  });

  it("brings refusals back as PkgdiffErrors with their kind", async () => {
    const invalid = await parsePackumentPooled(workers(), "p", new TextEncoder().encode('{"name": "trunc')).catch((e: unknown) => e);
    expect(isPkgdiffError(invalid) && invalid.kind).toBe("upstream");
    const empty = await parsePackumentPooled(workers(), "p", new TextEncoder().encode('{"versions": {}}')).catch((e: unknown) => e);
    expect(isPkgdiffError(empty) && [empty.kind, empty.details.packageName]).toEqual(["not_found", "p"]);
  });
});
