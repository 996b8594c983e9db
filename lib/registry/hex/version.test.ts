import { describe, expect, it } from "vitest";
import { compareHexVersions, isHexPrerelease, isHexVersion, matchesHexRequirement, maxSatisfyingHex, parseHexRequirement } from "./version";

const VERSIONS = ["1.9.0", "2.0.0", "2.1.0", "2.1.1", "2.2.0-rc.0", "2.2.0-rc.1", "3.0.0-dev"];

describe("Hex versions", () => {
  it.each(["1.0.0", "0.0.1", "2.1.0-rc.1", "1.0.0-alpha-1.2", "1.0.0+build.5", "1.0.0-rc.0+sha.1"])("accepts %j", (v) => {
    expect(isHexVersion(v)).toBe(true);
  });

  it.each(["v1.0.0", "=1.0.0", "1.0", "1", "01.0.0", "1.0.0-01", "1.0.0-", "1.0.0 ", "latest", ""])("refuses %j", (v) => {
    expect(isHexVersion(v)).toBe(false);
  });

  it("orders by SemVer precedence, build metadata aside", () => {
    const shuffled = ["2.0.0", "1.0.0-rc.10", "1.0.0", "1.0.0-rc.2", "1.0.0-alpha", "0.9.9"];
    expect([...shuffled].sort(compareHexVersions)).toEqual(["0.9.9", "1.0.0-alpha", "1.0.0-rc.2", "1.0.0-rc.10", "1.0.0", "2.0.0"]);
    expect(compareHexVersions("1.0.0+a", "1.0.0+b")).toBe(0);
    expect(isHexPrerelease("1.0.0+build-5")).toBe(false);
    expect(isHexPrerelease("1.0.0-rc.1+build")).toBe(true);
  });
});

describe("Hex requirements", () => {
  it.each([
    ["~> 2.0", "2.1.1"],
    ["~> 2.1", "2.1.1"],
    ["~> 2.1.0", "2.1.1"],
    ["~> 2.0.0", "2.0.0"],
    ["== 2.0.0", "2.0.0"],
    ["2.0.0", "2.0.0"],
    [">= 2.0.0 and < 2.1.0", "2.0.0"],
    [">= 2.0.0 and < 2.1.0 or == 1.9.0", "2.0.0"],
    ["< 2.0.0 or > 2.1.0", "2.1.1"],
    ["> 2.0.0 and != 2.1.1", "2.1.0"],
    ["<= 2.1.0", "2.1.0"],
    [">=1.0.0 and<2.0.0", "1.9.0"],
    ["~> 1.9", "1.9.0"],
  ])("%j resolves to %s", (requirement, expected) => {
    expect(maxSatisfyingHex(VERSIONS, requirement)).toBe(expected);
  });

  it("leaves prereleases out unless a clause names one, as Elixir with allow_pre: false", () => {
    expect(maxSatisfyingHex(VERSIONS, ">= 2.0.0")).toBe("2.1.1");
    expect(maxSatisfyingHex(VERSIONS, "~> 2.2.0-rc.0")).toBe("2.2.0-rc.1");
    expect(maxSatisfyingHex(VERSIONS, ">= 2.2.0-rc.0")).toBe("3.0.0-dev");
    expect(maxSatisfyingHex(VERSIONS, "== 2.2.0-rc.0")).toBe("2.2.0-rc.0");
    expect(maxSatisfyingHex(["3.0.0-dev"], "~> 2.0")).toBeUndefined();
  });

  it("keeps prereleases of the upper bound out of ~>", () => {
    const requirement = parseHexRequirement("~> 2.1.0-rc.0");
    expect(requirement).toBeDefined();
    if (!requirement) return;
    expect(matchesHexRequirement("2.1.5", requirement)).toBe(true);
    expect(matchesHexRequirement("2.2.0-rc.0", requirement)).toBe(false);
    expect(matchesHexRequirement("2.2.0", requirement)).toBe(false);
    const major = parseHexRequirement("~> 2.1");
    if (!major) throw new Error("~> 2.1 should parse");
    expect(matchesHexRequirement("3.0.0-rc.0", major)).toBe(false);
    expect(matchesHexRequirement("2.9.9", major)).toBe(true);
  });

  it.each(["^1.0", "~1.0", "1.x", ">= 1.0", "~> 2", "== ", "and 1.0.0", "1.0.0 and", "1.0.0 1.0.0", ">= 1.0.0 && < 2", "latest", "~> v1.0", ""])(
    "refuses %j",
    (text) => {
      expect(parseHexRequirement(text)).toBeUndefined();
    },
  );

  it("refuses an overlong requirement", () => {
    expect(parseHexRequirement(`${"== 1.0.0 or ".repeat(40)}== 1.0.0`)).toBeUndefined();
  });

  it("says so when asked to resolve something that is no requirement", () => {
    expect(() => maxSatisfyingHex(VERSIONS, "^1.0")).toThrow(/is not a Hex version requirement/);
  });
});
