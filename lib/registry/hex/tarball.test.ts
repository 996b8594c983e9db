import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type HexFixtureRepository, buildHexRepository } from "../../../fixtures/hex/build-repo";
import { buildTar } from "../../../fixtures/tarball";
import type { TarLimits } from "../../tarball/types";
import type { HexRelease } from "./messages";
import { decodePackageResource, parseHexPublicKey } from "./signed";
import { HEX_MAX_TARBALL_BYTES, unpackHexTarball, unpackHexTree, verifyHexTarball } from "./tarball";
import { outerFiles, refusal } from "./test-helpers";

const MiB = 1024 * 1024;
// pkgdiff's defaults: Hex's own 16 MiB / 128 MiB are the smaller ones.
const LIMITS: TarLimits = { maxTarballBytes: 200 * MiB, maxUnpackedBytes: 1024 * MiB, maxEntries: 100_000 };

let repo: HexFixtureRepository;
beforeAll(async () => {
  repo = await buildHexRepository();
}, 180_000);

function tarball(name: string, version: string): Buffer {
  const bytes = repo.files.get(`tarballs/${name}-${version}.tar`);
  if (bytes === undefined) throw new Error(`no tarball ${name}-${version}`);
  return Buffer.from(bytes);
}

/** The release as the signed registry describes it. */
function release(name: string, version: string): HexRelease {
  const options = { publicKey: parseHexPublicKey(repo.publicKeyPem), repository: repo.repository, maxInflatedBytes: MiB };
  const pkg = decodePackageResource(repo.files.get(`packages/${name}`) ?? new Uint8Array(), name, options);
  const found = pkg.releases.find((r) => r.version === version);
  if (!found) throw new Error(`no release ${name} ${version}`);
  return found;
}

const text = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString("utf8");

describe("a reference-built tarball", () => {
  it("verifies against the registry's outer checksum and unpacks with files at the root", async () => {
    const bytes = tarball("decimal", "2.1.1");
    await verifyHexTarball(bytes, release("decimal", "2.1.1"), { name: "decimal", version: "2.1.1" });
    const { tree, metadata, metadataConfig } = await unpackHexTarball(bytes, LIMITS, { name: "decimal", version: "2.1.1" });
    const recipe = repo.packages.find((p) => p.name === "decimal")?.releases.find((r) => r.version === "2.1.1");
    expect([...tree.entries.keys()]).toEqual(Object.keys(recipe?.files ?? {}).sort());
    expect(tree.entries.has("mix.exs")).toBe(true);
    for (const [path, content] of Object.entries(recipe?.files ?? {})) {
      const entry = tree.entries.get(path);
      expect(entry?.kind === "file" ? text(entry.bytes) : undefined, path).toBe(content);
    }
    expect(metadata).toMatchObject({ name: "decimal", version: "2.1.1", elixir: "~> 1.8", buildTools: ["mix"] });
    expect(text(metadataConfig)).toContain('{<<"name">>,<<"decimal">>}.');
  });

  it("gives the diffed tree with hex_metadata.config beside the files, as hex_core's unpack writes it", async () => {
    const tree = await unpackHexTree(tarball("decimal", "2.1.1"), LIMITS);
    const keys = [...tree.entries.keys()];
    expect(keys).toContain("hex_metadata.config");
    expect(keys).toEqual([...keys].sort());
    const meta = tree.entries.get("hex_metadata.config");
    expect(meta?.kind === "file" ? text(meta.bytes) : "").toContain('{<<"version">>,<<"2.1.1">>}.');
    const sizes = [...tree.entries.values()].reduce((sum, e) => sum + (e.kind === "file" ? e.bytes.byteLength : 0), 0);
    expect(tree.unpackedBytes).toBe(sizes);
  });

  it("verifies against the inner checksum when the registry has no outer one", async () => {
    const { innerChecksum } = release("decimal", "2.1.0");
    await verifyHexTarball(tarball("decimal", "2.1.0"), { innerChecksum }, { name: "decimal", version: "2.1.0" });
    const other = release("decimal", "2.0.0").innerChecksum;
    const error = await refusal(() => verifyHexTarball(tarball("decimal", "2.1.0"), { innerChecksum: other }, { name: "decimal", version: "2.1.0" }));
    expect(error.kind).toBe("integrity");
    expect(error.message).toContain("does not match the registry's inner checksum");
  });
});

describe("tampered and hostile tarballs", () => {
  it("refuses bytes changed after the registry recorded the checksum, naming the outer checksum", async () => {
    const bytes = tarball("decimal", "2.1.1");
    // A byte of the padding after contents.tar.gz's data: the tar still reads, only the checksum can tell.
    const header = bytes.indexOf("contents.tar.gz\0");
    const size = parseInt(bytes.subarray(header + 124, header + 135).toString("latin1"), 8);
    expect(size % 512).not.toBe(0);
    bytes[header + 512 + size] = 1;
    const error = await refusal(() => verifyHexTarball(bytes, release("decimal", "2.1.1"), { name: "decimal", version: "2.1.1" }));
    expect(error.kind).toBe("integrity");
    expect(error.message).toBe("The tarball of decimal 2.1.1 does not match the registry's outer checksum (SHA-256 of the whole file)");
    expect(error.details).toMatchObject({ packageName: "decimal", version: "2.1.1" });
    await expect(unpackHexTarball(bytes, LIMITS, { name: "decimal", version: "2.1.1" })).resolves.toBeDefined();
  });

  it("refuses a release the registry gives no checksum for", async () => {
    const error = await refusal(() => verifyHexTarball(tarball("decimal", "2.1.1"), {}, { name: "decimal", version: "2.1.1" }));
    expect(error.kind).toBe("integrity");
    expect(error.message).toContain("gives no checksum");
  });

  it.each([
    ["hostile_version", "bad_tarball", 'is Hex tarball version "2"; pkgdiff reads version "3"'],
    ["hostile_inner", "integrity", "fails its inner checksum"],
    ["hostile_metadata", "bad_tarball", "funs are not allowed"],
    ["hostile_traversal", "bad_tarball", `unsafe entry "../evil.ex": its path contains a '..' component`],
    ["hostile_bomb", "too_large", "unpacks to more than the limit of 128 MiB"],
  ])("refuses %s (registry-signed, so only the reader stands in its way): %s", async (name, kind, message) => {
    const bytes = tarball(name, "1.0.0");
    await verifyHexTarball(bytes, release(name, "1.0.0"), { name, version: "1.0.0" });
    const error = await refusal(() => unpackHexTarball(bytes, LIMITS, { name, version: "1.0.0" }));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
    expect(error.details).toMatchObject({ packageName: name, version: "1.0.0" });
  });

  it("applies pkgdiff's limit when it is the smaller", async () => {
    const error = await refusal(() => unpackHexTarball(tarball("hostile_bomb", "1.0.0"), { ...LIMITS, maxUnpackedBytes: MiB }, { name: "b", version: "1.0.0" }));
    expect(error.message).toContain("limit of 1 MiB");
  });

  it("refuses a file past Hex's 16 MiB before reading it", async () => {
    const big = new Uint8Array(HEX_MAX_TARBALL_BYTES + 1);
    for (const run of [() => verifyHexTarball(big, { outerChecksum: createHash("sha256").update(big).digest() }, { name: "x", version: "1.0.0" }), () => unpackHexTarball(big, LIMITS, { name: "x", version: "1.0.0" })]) {
      const error = await refusal(run);
      expect(error.kind).toBe("too_large");
      expect(error.message).toContain("more than the limit of 16 MiB");
    }
  });

  it("refuses an outer tar with a file Hex does not write, or without one it does", async () => {
    const files = await outerFiles(tarball("decimal", "2.1.1"));
    const entries = [...files].map(([path, content]) => ({ path, content, raw: true }));
    const extra = await buildTar([...entries, { path: "evil.sh", content: "rm -rf /", raw: true }]);
    expect((await refusal(() => unpackHexTarball(extra, LIMITS, { name: "d", version: "1" }))).message).toContain('it holds file "evil.sh"');
    const missing = await buildTar(entries.filter((entry) => entry.path !== "CHECKSUM"));
    expect((await refusal(() => unpackHexTarball(missing, LIMITS, { name: "d", version: "1" }))).message).toContain("it has no CHECKSUM");
  });

  it("refuses bytes that are not a tar", async () => {
    const error = await refusal(() => unpackHexTarball(Buffer.from("not a tar at all, just text ".repeat(40)), LIMITS, { name: "d", version: "1" }));
    expect(error.kind).toBe("bad_tarball");
  });
});
