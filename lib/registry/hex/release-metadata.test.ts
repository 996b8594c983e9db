import { beforeAll, describe, expect, it } from "vitest";
import { type HexFixtureRepository, buildHexRepository } from "../../../fixtures/hex/build-repo";
import { DECIMAL_RELEASE_METADATA } from "../../../fixtures/hex/packages";
import { createReviewContext } from "../../review/context";
import { licenseFindings } from "../../review/package-shape";
import { reviewFixture } from "../../review/test-fixtures";
import type { PackageTree } from "../../tarball/types";
import { hexEcosystem } from "./ecosystem";
import { hexDeclaredLicense, hexReleaseMetadata } from "./release-metadata";
import { unpackHexTree } from "./tarball";

const LIMITS = { maxTarballBytes: 1e9, maxUnpackedBytes: 1e9, maxEntries: 1e5 };

let repo: HexFixtureRepository;
beforeAll(async () => {
  repo = await buildHexRepository();
}, 180_000);

async function treeOf(name: string, version: string): Promise<PackageTree> {
  const bytes = repo.files.get(`tarballs/${name}-${version}.tar`);
  if (bytes === undefined) throw new Error(`no tarball ${name}-${version}`);
  return unpackHexTree(bytes, LIMITS);
}

/** A tree holding one hex_metadata.config, as unpackHexTree leaves it. */
function metadataTree(config: string): PackageTree {
  const bytes = Buffer.from(config);
  return { entries: new Map([["hex_metadata.config", { kind: "file", path: "hex_metadata.config", mode: 0o644, bytes, binary: false }]]), unpackedBytes: bytes.byteLength };
}

const config = (licenses: string[]): string =>
  `{<<"name">>,<<"demo">>}.\n{<<"version">>,<<"1.0.0">>}.\n{<<"licenses">>,[${licenses.map((l) => `<<"${l}">>`).join(",")}]}.\n`;

describe("hexReleaseMetadata", () => {
  it("reads what a hex_core-built release says about itself: description, licenses, links, build tools, Elixir", async () => {
    expect(hexReleaseMetadata(await treeOf("decimal", "2.1.1"))).toEqual(DECIMAL_RELEASE_METADATA);
    expect(hexEcosystem.releaseMetadata).toBe(hexReleaseMetadata);
  });

  it("keeps every link as published (the page applies its URL policy)", async () => {
    const links = hexReleaseMetadata(await treeOf("jason", "1.4.0"))?.links.map((l) => l.url);
    expect(links).toEqual(expect.arrayContaining(["https://example.invalid/jason", "http://example.invalid/jason/changelog", "javascript:alert(1)"]));
  });

  it("has none for a tree without a readable hex_metadata.config", () => {
    expect(hexReleaseMetadata({ entries: new Map(), unpackedBytes: 0 })).toBeUndefined();
    expect(hexReleaseMetadata(metadataTree('{<<"name">>,<<"demo">>}.\n'))).toBeUndefined(); // no version
    expect(hexDeclaredLicense(metadataTree("not terms at all"))).toBeUndefined();
  });
});

describe("Hex licenses in the review", () => {
  const hexSide = (licenses: string[]) => ({ files: { "hex_metadata.config": config(licenses) } });

  it("come from each release's metadata.config, joined", () => {
    expect(hexDeclaredLicense(metadataTree(config(["MIT", "Apache-2.0"])))).toBe("MIT, Apache-2.0");
    const findings = licenseFindings(createReviewContext(reviewFixture(hexSide(["Apache-2.0"]), hexSide(["MIT", "Apache-2.0"]), { ecosystem: hexEcosystem })));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([["notice", "License changed: Apache-2.0 → MIT, Apache-2.0"]]);
  });

  it("notice a license dropped from metadata.config, and say nothing when it stays", () => {
    const dropped = licenseFindings(createReviewContext(reviewFixture(hexSide(["MIT"]), hexSide([]), { ecosystem: hexEcosystem })));
    expect(dropped.map((f) => f.message)).toEqual(["License removed (was MIT)"]);
    expect(licenseFindings(createReviewContext(reviewFixture(hexSide(["MIT"]), hexSide(["MIT"]), { ecosystem: hexEcosystem })))).toEqual([]);
  });
});
