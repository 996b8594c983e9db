// Hex tarballs unpacked in the worker pool, as npm's are: the same tree as on this thread, refusals with their kind.
import { beforeAll, describe, expect, it } from "vitest";
import { type HexFixtureRepository, buildHexRepository } from "../../../fixtures/hex/build-repo";
import { buildTar } from "../../../fixtures/tarball";
import type { PackageTree, TarLimits } from "../../tarball/types";
import { fromWire } from "../../tarball/wire-tree";
import { workerPoolForTests } from "../../workers/test-fixtures";
import { unpackHexTree } from "./tarball";
import { outerFiles } from "./test-helpers";
import { hexUnpackTask } from "./worker-tasks";

const LIMITS: TarLimits = { maxTarballBytes: 1 << 27, maxUnpackedBytes: 1 << 27, maxEntries: 10_000 };

const workers = workerPoolForTests(1);

let repo: HexFixtureRepository;
beforeAll(async () => {
  repo = await buildHexRepository();
}, 180_000);

function tarball(name: string, version: string): Uint8Array {
  const bytes = repo.files.get(`tarballs/${name}-${version}.tar`);
  if (bytes === undefined) throw new Error(`no tarball ${name}-${version}`);
  return new Uint8Array(bytes);
}

/** Paths, kinds and bytes, comparable with toEqual. */
function plain(tree: PackageTree) {
  return [...tree.entries.values()].map((e) => (e.kind === "file" ? { ...e, bytes: Buffer.from(e.bytes).toString("base64") } : e));
}

describe("the hex.unpack task", () => {
  it("unpacks a reference-built tarball in a worker to the tree unpackHexTree gives here", async () => {
    expect(workers().mode).toBe("workers");
    const expected = await unpackHexTree(tarball("decimal", "2.1.1"), LIMITS);
    const out = await workers().run(hexUnpackTask, { bytes: tarball("decimal", "2.1.1"), limits: LIMITS });
    if (!out.ok) throw new Error(out.message);
    const tree = fromWire(out.tree);
    expect(plain(tree)).toEqual(plain(expected));
    expect(tree.entries.has("mix.exs")).toBe(true);
    expect(tree.unpackedBytes).toBe(expected.unpackedBytes);
  });

  it("brings the reader's refusals back with their kind and message", async () => {
    const files = await outerFiles(tarball("decimal", "2.1.1"));
    const entries = [...files].map(([path, content]) => ({ path, content: path === "VERSION" ? "2" : content, raw: true }));
    const v2 = await buildTar(entries);
    expect(await workers().run(hexUnpackTask, { bytes: v2, limits: LIMITS })).toMatchObject({
      ok: false,
      kind: "bad_tarball",
      message: expect.stringContaining('version "2"'),
    });
    const cut = tarball("decimal", "2.1.1").subarray(0, 700);
    expect(await workers().run(hexUnpackTask, { bytes: cut, limits: LIMITS })).toMatchObject({ ok: false, kind: "bad_tarball" });
  });
});
