import { beforeAll, describe, expect, it } from "vitest";
import { buildHexRepository } from "../../../fixtures/hex/build-repo";
import type { HexRelease } from "./messages";
import { latestHexVersion, previousHexVersion, resolveHexVersion, sortHexVersionsNewestFirst } from "./release-rules";
import { decodePackageResource, parseHexPublicKey } from "./signed";
import { refusal } from "./test-helpers";

// decimal as the reference-built registry describes it: 1.9.0, 2.0.0 (retired), 2.1.0, 2.1.1, 2.2.0-rc.0, 2.2.0-rc.1.
let releases: HexRelease[];
let versions: string[];
beforeAll(async () => {
  const repo = await buildHexRepository();
  const options = { publicKey: parseHexPublicKey(repo.publicKeyPem), repository: repo.repository, maxInflatedBytes: 1024 * 1024 };
  releases = decodePackageResource(repo.files.get("packages/decimal") ?? new Uint8Array(), "decimal", options).releases;
  versions = releases.map((r) => r.version);
}, 180_000);

describe("resolveHexVersion on the reference registry", () => {
  it.each([
    ["2.1.0", "2.1.0"],
    ["latest", "2.1.1"],
    ["~> 2.0", "2.1.1"],
    [">= 2.0.0 and < 2.1.0", "2.0.0"],
    ["~> 2.1.0", "2.1.1"],
    ["== 2.0.0", "2.0.0"],
    ["~> 2.2.0-rc.0", "2.2.0-rc.1"],
  ])("%j → %s", (spec, expected) => {
    expect(resolveHexVersion("decimal", releases, spec)).toBe(expected);
  });

  it("prefers a match that is not retired", () => {
    expect(resolveHexVersion("decimal", releases, "~> 2.0.0 or == 1.9.0")).toBe("1.9.0");
    expect(resolveHexVersion("decimal", releases, "~> 2.0.0")).toBe("2.0.0");
  });

  it("answers version_not_found with the nearest versions", async () => {
    const error = await refusal(() => resolveHexVersion("decimal", releases, "~> 3.0"));
    expect(error.kind).toBe("version_not_found");
    expect(error.details.nearest?.length).toBeGreaterThan(0);
    expect(error.details.nearest?.every((v) => versions.includes(v))).toBe(true);
    expect((await refusal(() => resolveHexVersion("decimal", releases, "^2"))).kind).toBe("version_not_found");
  });
});

describe("latestHexVersion", () => {
  it("is the highest stable release that is not retired", () => {
    expect(latestHexVersion(releases)).toBe("2.1.1");
    const retiredTop = releases.map((r) => (r.version === "2.1.1" ? { ...r, retired: { reason: "security" as const } } : r));
    expect(latestHexVersion(retiredTop)).toBe("2.1.0");
  });

  it("falls back to the highest retired stable, then to prereleases", () => {
    const retired = { reason: "deprecated" as const };
    expect(latestHexVersion([{ version: "1.0.0", retired }, { version: "0.9.0", retired }, { version: "2.0.0-rc.1" }])).toBe("1.0.0");
    expect(latestHexVersion([{ version: "2.0.0-rc.2", retired }, { version: "2.0.0-rc.1" }])).toBe("2.0.0-rc.1");
    expect(latestHexVersion([{ version: "2.0.0-rc.2", retired }])).toBe("2.0.0-rc.2");
    expect(latestHexVersion([])).toBeUndefined();
  });
});

describe("previousHexVersion", () => {
  it.each([
    ["2.1.1", "2.1.0"],
    ["2.1.0", "2.0.0"],
    ["2.2.0-rc.1", "2.2.0-rc.0"],
    ["2.2.0-rc.0", "2.1.1"],
    ["1.9.0", undefined],
  ])("of %s is %s", (version, expected) => {
    expect(previousHexVersion(versions, version)).toBe(expected);
  });

  it("skips prereleases for a stable version", () => {
    expect(previousHexVersion(["2.0.0-rc.1", "2.0.0", "1.0.0"], "2.0.0")).toBe("1.0.0");
  });
});

describe("sortHexVersionsNewestFirst", () => {
  it("orders by Elixir's rules and puts what is no version last", () => {
    expect(sortHexVersionsNewestFirst(["1.0.0", "odd", "2.0.0-rc.1", "2.0.0", "1.10.0"])).toEqual(["2.0.0", "2.0.0-rc.1", "1.10.0", "1.0.0", "odd"]);
  });
});
