import { describe, expect, it } from "vitest";
import {
  fromOptions,
  isPrerelease,
  optionLabel,
  parsePackagesAnswer,
  pickerData,
  previousOf,
  showPrereleasesInitially,
  PRERELEASES_PER_LINE,
  prereleaseLines,
  toAfterFromChange,
  toOptions,
  toPickerVersions,
} from "./version-picker";

// demo-pkg as the fixture registry serves it, newest first.
const demo = pickerData({
  name: "demo-pkg",
  distTags: { latest: "1.2.0", next: "2.0.0-rc.1" },
  versions: [
    { version: "2.0.0-rc.1", publishedAt: "2024-05-02T09:00:00.000Z" },
    { version: "1.2.0", publishedAt: "2024-03-20T09:00:00.000Z" },
    { version: "1.2.0-beta.1", publishedAt: "2024-03-01T09:00:00.000Z" },
    { version: "1.1.0", publishedAt: "2024-02-14T09:00:00.000Z" },
    { version: "1.0.0", publishedAt: "2024-01-10T09:00:00.000Z", deprecated: "use 1.1.0" },
  ],
});
const versions = (list: { version: string }[]) => list.map((v) => v.version);

describe("pickerData", () => {
  it("defaults to latest and the version before it", () => {
    expect(demo.defaultTo).toBe("1.2.0");
    expect(demo.defaultFrom).toBe("1.1.0");
  });

  it("keeps tags, dates, deprecation and prerelease flags", () => {
    expect(demo.versions[0]).toEqual({
      version: "2.0.0-rc.1",
      date: "2024-05-02",
      publishedAt: "2024-05-02T09:00:00.000Z",
      prerelease: true,
      tags: ["next"],
    });
    expect(demo.versions[4]).toMatchObject({ deprecated: "use 1.1.0", prerelease: false });
  });

  it("falls back to the newest stable without a latest tag, and copes with one version", () => {
    const untagged = pickerData({ name: "x", distTags: {}, versions: [{ version: "2.0.0-alpha" }, { version: "1.0.0" }] });
    expect(untagged.defaultTo).toBe("1.0.0");
    expect(untagged.defaultFrom).toBeUndefined();
    const single = pickerData({ name: "y", distTags: { latest: "1.0.0" }, versions: [{ version: "1.0.0" }] });
    expect(single).toEqual({ name: "y", defaultTo: "1.0.0", versions: [{ version: "1.0.0", prerelease: false, tags: ["latest"] }] });
  });
});

describe("previousOf", () => {
  it("skips prereleases for a stable version, not for a prerelease", () => {
    expect(previousOf(demo.versions, "1.2.0")).toBe("1.1.0");
    expect(previousOf(demo.versions, "2.0.0-rc.1")).toBe("1.2.0");
    expect(previousOf(demo.versions, "1.2.0-beta.1")).toBe("1.1.0");
    expect(previousOf(demo.versions, "1.0.0")).toBeUndefined();
  });
});

describe("options", () => {
  it("hides prereleases unless shown, but never the chosen version", () => {
    expect(versions(fromOptions(demo, false, "1.1.0"))).toEqual(["1.2.0", "1.1.0", "1.0.0"]);
    expect(versions(fromOptions(demo, false, "1.2.0-beta.1"))).toEqual(["1.2.0", "1.2.0-beta.1", "1.1.0", "1.0.0"]);
    expect(versions(fromOptions(demo, true, undefined))).toHaveLength(5);
  });

  it("offers only newer versions as `to`", () => {
    expect(versions(toOptions(demo, "1.1.0", false, "1.2.0"))).toEqual(["1.2.0"]);
    expect(versions(toOptions(demo, "1.1.0", true, "1.2.0"))).toEqual(["2.0.0-rc.1", "1.2.0", "1.2.0-beta.1"]);
    expect(versions(toOptions(demo, "2.0.0-rc.1", true, undefined))).toEqual([]);
  });

  it("keeps `to` when it is still newer, else moves it", () => {
    expect(toAfterFromChange(demo, "1.0.0", "1.2.0", false)).toBe("1.2.0");
    expect(toAfterFromChange(demo, "1.2.0", "1.2.0", false)).toBeUndefined();
    expect(toAfterFromChange(demo, "1.2.0", "1.2.0", true)).toBe("2.0.0-rc.1");
    expect(toAfterFromChange(demo, "1.1.0", "1.0.0", true)).toBe("1.2.0");
  });

  it("shows prereleases at first only when a default is one", () => {
    expect(showPrereleasesInitially(demo)).toBe(false);
    const pre = pickerData({ name: "p", distTags: { latest: "1.0.0-beta.2" }, versions: [{ version: "1.0.0-beta.2" }, { version: "1.0.0-beta.1" }] });
    expect(showPrereleasesInitially(pre)).toBe(true);
  });

  it("labels options with tags, dates and deprecation", () => {
    expect(demo.versions.map(optionLabel)).toEqual([
      "2.0.0-rc.1 (next) · 2024-05-02",
      "1.2.0 (latest) · 2024-03-20",
      "1.2.0-beta.1 · 2024-03-01",
      "1.1.0 · 2024-02-14",
      "1.0.0 · 2024-01-10 · deprecated",
    ]);
  });

  it("knows prereleases", () => {
    expect(isPrerelease("1.0.0-0")).toBe(true);
    expect(isPrerelease("1.0.0+git-sha")).toBe(false);
  });
});

describe("parsePackagesAnswer", () => {
  it("reads the packages API", () => {
    expect(
      parsePackagesAnswer({
        name: "a",
        distTags: { latest: "1.0.0", bad: 3 },
        versions: [{ version: "1.0.0", publishedAt: null, deprecated: false }],
      }),
    ).toEqual({ name: "a", distTags: { latest: "1.0.0" }, versions: [{ version: "1.0.0", publishedAt: null, deprecated: false }] });
  });

  it("refuses other shapes", () => {
    expect(() => parsePackagesAnswer({ error: { message: "x" } })).toThrow();
    expect(() => parsePackagesAnswer({ name: "a", distTags: {}, versions: [{}] })).toThrow();
  });
});

/** A react-like history: a few stable releases and many canaries per line, whose version order is by hash. */
function canaryHistory() {
  const versions: { version: string; publishedAt: string }[] = [];
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();
  for (let i = 0; i < 30; i++) versions.push({ version: `19.0.0-canary-${(1000 - i * 7).toString(16)}`, publishedAt: day(100 + i) });
  for (let i = 0; i < 15; i++) versions.push({ version: `18.3.0-canary-${(500 + i * 13).toString(16)}`, publishedAt: day(50 + i) });
  versions.push({ version: "18.3.1", publishedAt: day(90) }, { version: "18.2.0", publishedAt: day(10) });
  // Newest first in version order, as the adapter sorts them.
  versions.sort((a, b) => (a.version < b.version ? 1 : -1));
  return { name: "canaries", distTags: { latest: "18.3.1", canary: versions[0]?.version ?? "" }, versions };
}

describe("many prereleases", () => {
  it("offers every stable version but only the last published prereleases of each line, and tagged ones", () => {
    const source = canaryHistory();
    const data = pickerData(source);
    const pre = data.versions.filter((v) => v.prerelease);
    const lines = prereleaseLines(toPickerVersions(source));
    const newest19 = lines[0]?.versions.slice(0, PRERELEASES_PER_LINE).map((v) => v.version) ?? [];
    expect(versions(data.versions.filter((v) => !v.prerelease))).toEqual(["18.3.1", "18.2.0"]);
    expect(pre.length).toBeLessThanOrEqual(2 * PRERELEASES_PER_LINE + 1);
    for (const version of newest19) expect(versions(pre)).toContain(version);
    expect(versions(pre)).toContain(source.distTags.canary);
  });

  it("groups prereleases by release line, the highest line first, last published first", () => {
    const lines = prereleaseLines(toPickerVersions(canaryHistory()));
    expect(lines.map((g) => [g.line, g.versions.length])).toEqual([
      ["19.0.0", 30],
      ["18.3.0", 15],
    ]);
    const times = lines[0]?.versions.map((v) => v.publishedAt ?? "") ?? [];
    expect(times).toEqual([...times].sort().reverse());
  });

  it("diffs a canary with the canary of its line published before it, not the one that sorts before it", () => {
    const all = toPickerVersions(canaryHistory());
    const line = prereleaseLines(all)[0]?.versions ?? [];
    const [last, beforeLast] = line;
    expect(previousOf(all, last?.version ?? "")).toBe(beforeLast?.version);
    expect(previousOf(all, line.at(-1)?.version ?? "")).toBe("18.3.1");
  });
});
