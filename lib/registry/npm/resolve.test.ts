import { describe, expect, it } from "vitest";
import { type PkgdiffError, isPkgdiffError } from "../../errors";
import { createPackageInfo } from "../package-info";
import { isExactVersion, parseVersionSpec, previousVersion, resolveVersion } from "./resolve";
import type { PackageInfo } from "../types";

function info(versions: string[], distTags: Record<string, string> = {}): PackageInfo {
  return createPackageInfo({
    registry: "npm",
    name: "demo",
    versions: versions.map((version) => ({ version, tarballUrl: `http://127.0.0.1:1/demo/-/demo-${version}.tgz` })),
    distTags,
  });
}

const demo = info(
  [
    "0.9.0",
    "1.0.0",
    "1.1.0",
    "1.2.0-beta.1",
    "1.2.0",
    "1.2.6",
    "1.2.8",
    "1.10.0",
    "2.0.0-rc.1",
    "18.2.0",
    "18.3.1",
    "19.0.0-canary.1",
  ],
  { latest: "18.3.1", next: "19.0.0-canary.1", beta: "1.2.0-beta.1", constructor: "1.0.0" },
);

function thrown(fn: () => unknown): PkgdiffError {
  try {
    fn();
  } catch (error) {
    if (isPkgdiffError(error)) return error;
    throw error;
  }
  throw new Error("expected a PkgdiffError, nothing was thrown");
}

describe("resolveVersion", () => {
  it.each([
    ["exact", "1.1.0", "1.1.0"],
    ["exact prerelease", "1.2.0-beta.1", "1.2.0-beta.1"],
    ["v prefix", "v1.2.0", "1.2.0"],
    ["V prefix", "V1.1.0", "1.1.0"],
    ["= prefix (a range of one)", "=1.1.0", "1.1.0"],
    ["surrounding spaces", " 1.1.0 ", "1.1.0"],
    ["tag latest", "latest", "18.3.1"],
    ["tag next (a prerelease)", "next", "19.0.0-canary.1"],
    ["tag named like an Object method", "constructor", "1.0.0"],
    ["caret major", "^18", "18.3.1"],
    ["bare major", "18", "18.3.1"],
    ["tilde minor", "~1.2", "1.2.8"],
    ["x range", "1.x", "1.10.0"],
    ["compound range", ">=1 <2", "1.10.0"],
    ["star skips prereleases", "*", "18.3.1"],
    ["caret skips prereleases of other tuples", "^1.1.0", "1.10.0"],
    ["range naming a prerelease includes same-tuple prereleases", ">=1.2.0-alpha <1.2.0", "1.2.0-beta.1"],
    ["caret on a prerelease", "^2.0.0-rc.0", "2.0.0-rc.1"],
    ["hyphen range", "1.0.0 - 1.1.9", "1.1.0"],
    ["or range", "0.9 || 18.2", "18.2.0"],
  ])("%s: %j → %s", (_label, spec, expected) => {
    expect(resolveVersion(demo, spec)).toBe(expected);
  });

  it.each([
    ["unknown exact", "1.2.7", ["1.2.8", "1.2.6", "1.2.0", "1.10.0", "1.1.0"]],
    ["unknown v-prefixed exact", "v1.2.7", ["1.2.8", "1.2.6", "1.2.0", "1.10.0", "1.1.0"]],
    ["unsatisfiable range shows both sides of the gap", "^3", ["1.10.0", "18.2.0", "1.2.8", "18.3.1", "1.2.6"]],
    ["newer than everything", "99.0.0", ["18.3.1", "18.2.0", "1.10.0", "1.2.8", "1.2.6"]],
    ["older than everything", "0.0.1", ["0.9.0", "1.0.0", "1.1.0", "1.2.0", "1.2.6"]],
    ["prerelease spec ranks prereleases too", "2.0.0-rc.2", ["2.0.0-rc.1", "18.2.0", "1.10.0", "18.3.1", "1.2.8"]],
    ["unknown tag → newest stable", "canary", ["18.3.1", "18.2.0", "1.10.0", "1.2.8", "1.2.6"]],
  ])("%s %j → version_not_found with nearest", (_label, spec, nearest) => {
    const error = thrown(() => resolveVersion(demo, spec));
    expect(error.kind).toBe("version_not_found");
    expect(error.details.nearest).toEqual(nearest);
    expect(error.details.packageName).toBe("demo");
    expect(error.message).toContain("demo");
  });

  it("fills nearest with prereleases when few stable versions exist", () => {
    const small = info(["1.0.0", "1.1.0", "2.0.0-rc.1"]);
    expect(thrown(() => resolveVersion(small, "^5")).details.nearest).toEqual(["1.1.0", "1.0.0", "2.0.0-rc.1"]);
  });

  it("does not match a prerelease through a plain range", () => {
    const onlyPre = info(["2.0.0-rc.1"]);
    expect(thrown(() => resolveVersion(onlyPre, "^2")).kind).toBe("version_not_found");
  });

  it("ignores a dist-tag pointing at an unpublished version", () => {
    const broken = info(["1.0.0"], { latest: "9.9.9" });
    expect(thrown(() => resolveVersion(broken, "latest")).kind).toBe("version_not_found");
  });

  it.each([
    ["empty", ""],
    ["slash", "1.0.0/../x"],
    ["percent", "1.0.0%2e"],
    ["NUL", "1.0.0\0"],
    ["newline", "lat\nest"],
    ["DEL", "1\u007f"],
    ["too long", "1".repeat(257)],
  ])("rejects %s as bad_request", (_label, spec) => {
    expect(thrown(() => resolveVersion(demo, spec)).kind).toBe("bad_request");
  });
});

describe("parseVersionSpec", () => {
  it("trims and accepts the 256-character limit", () => {
    expect(parseVersionSpec(" ^1 ")).toBe("^1");
    expect(parseVersionSpec("x".repeat(256))).toHaveLength(256);
  });
});

describe("isExactVersion", () => {
  it.each([
    ["1.1.0", true],
    ["1.2.0-beta.1", true],
    ["v1.1.0", false],
    ["latest", false],
    ["^1", false],
    ["9.9.9", false],
  ])("%j → %s", (spec, expected) => {
    expect(isExactVersion(demo, spec)).toBe(expected);
  });
});

describe("previousVersion", () => {
  it.each([
    ["stable skips prereleases", "1.2.0", "1.1.0"],
    ["stable major skips rc", "18.2.0", "1.10.0"],
    ["prerelease takes any lower", "2.0.0-rc.1", "1.10.0"],
    ["prerelease after stable", "1.2.0-beta.1", "1.1.0"],
    ["canary after stable", "19.0.0-canary.1", "18.3.1"],
    ["first version", "0.9.0", undefined],
    ["unpublished version still has a predecessor", "1.1.5", "1.1.0"],
  ])("%s: %s → %s", (_label, version, expected) => {
    expect(previousVersion(demo, version)).toBe(expected);
  });

  it("takes a lower prerelease for a prerelease", () => {
    const pkg = info(["1.0.0", "2.0.0-beta.1", "2.0.0-rc.1", "2.0.0"]);
    expect(previousVersion(pkg, "2.0.0-rc.1")).toBe("2.0.0-beta.1");
    expect(previousVersion(pkg, "2.0.0")).toBe("1.0.0");
  });

  it("is undefined for a first prerelease", () => {
    expect(previousVersion(info(["0.1.0-alpha.0", "0.1.0"]), "0.1.0-alpha.0")).toBeUndefined();
    expect(previousVersion(info(["0.1.0-alpha.0", "0.1.0"]), "0.1.0")).toBeUndefined();
  });

  it("rejects a non-version", () => {
    expect(thrown(() => previousVersion(demo, "latest")).kind).toBe("bad_request");
  });
});
