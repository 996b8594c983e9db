import semver from "semver";
import { describe, expect, it } from "vitest";
import { longHistory } from "../../fixtures/packages";
import { PRERELEASES_PER_LINE, toPickerVersions } from "./version-picker";
import { OLDER_LINE_ROWS, RECENT_LINES, STABLE_WINDOW, groupRows, versionsPage } from "./versions-page";

// The react-sized fixture as the adapter gives it: newest first in version order.
const source = {
  name: longHistory.name,
  distTags: longHistory.distTags,
  versions: longHistory.versions
    .map((v) => ({ version: v.version, publishedAt: v.time }))
    .sort((a, b) => semver.rcompare(a.version, b.version)),
};
const timeOf = new Map(source.versions.map((v) => [v.version, v.publishedAt]));
const page = versionsPage(source);

describe("versionsPage", () => {
  it("lists the newest stable releases first, a window of them, each with the stable release before it", () => {
    expect(page.stable.total).toBe(120);
    expect(page.stable.rows).toHaveLength(STABLE_WINDOW);
    const shown = page.stable.rows.map((row) => row.v.version);
    expect(shown.slice(0, 3)).toEqual(["19.1.9", "19.1.8", "19.1.7"]);
    expect(shown).toEqual([...shown].sort(semver.rcompare));
    expect(page.stable.rows[0]?.v.tags).toEqual(["latest"]);
    expect(page.stable.rows.map((row) => row.previous)).toEqual([...shown.slice(1), "15.3.4"]);
  });

  it("groups prereleases by release line, the newest line first, a window of each last published first", () => {
    expect(page.prereleases).toBe(2825);
    expect(page.lines.map((line) => [line.group, line.total])).toEqual([
      ["19.2.0", 100],
      ["19.1.0", 300],
      ["19.0.0", 825],
      ["18.3.0", 600],
      ["0.0.0", 1000],
    ]);
    for (const line of page.lines) {
      expect(line.rows).toHaveLength(PRERELEASES_PER_LINE);
      const times = line.rows.map((row) => timeOf.get(row.v.version) ?? "");
      expect(times).toEqual([...times].sort().reverse());
      // Each one diffs with the one of its line published just before it: the next row.
      expect(line.rows.slice(0, -1).map((row) => row.previous)).toEqual(line.rows.slice(1).map((row) => row.v.version));
    }
  });

  it("shows the newest lines' last prereleases, and fewer of older lines (react has 36)", () => {
    const lines = Array.from({ length: RECENT_LINES + 3 }, (_, i) => `${20 - i}.0.0`);
    const many = {
      name: "many-lines",
      distTags: { latest: "20.0.0" },
      versions: lines.flatMap((line, i) =>
        Array.from({ length: 12 }, (_, n) => ({ version: `${line}-rc.${n}`, publishedAt: new Date(Date.UTC(2020 - i, 0, 1 + n)).toISOString() })),
      ),
    };
    const windows = versionsPage(many).lines;
    expect(windows.map((w) => w.group)).toEqual(lines);
    expect(windows.map((w) => w.rows.length)).toEqual(lines.map((_, i) => (i < RECENT_LINES ? PRERELEASES_PER_LINE : OLDER_LINE_ROWS)));
    expect(windows.every((w) => w.total === 12)).toBe(true);
    // The rows shown of an old line are its last published ones.
    expect(windows.at(-1)?.rows.map((row) => row.v.version)).toEqual(["13.0.0-rc.11", "13.0.0-rc.10", "13.0.0-rc.9"]);
  });

  it("gives every row of a line when all are asked for, the first published one diffing with the stable release before it", () => {
    const rows = groupRows(toPickerVersions(source), "0.0.0");
    expect(rows).toHaveLength(1000);
    expect(rows.slice(0, PRERELEASES_PER_LINE)).toEqual(page.lines.at(-1)?.rows);
    expect(rows.at(-1)?.previous).toBeUndefined(); // nothing stable below 0.0.0
    expect(groupRows(toPickerVersions(source), "19.0.0").at(-1)?.previous).toBe("18.4.4");
    expect(groupRows(toPickerVersions(source), "stable")).toHaveLength(120);
  });

  it("gives the pickers the stable releases of the window, the last published prereleases and the tagged ones, and counts the rest", () => {
    const { picker } = page;
    expect(picker.defaultTo).toBe("19.1.9");
    expect(picker.defaultFrom).toBe("19.1.8");
    expect(picker.versions.filter((v) => !v.prerelease)).toHaveLength(STABLE_WINDOW);
    expect(picker.more).toBe(20);
    const prereleases = picker.versions.filter((v) => v.prerelease).map((v) => v.version);
    expect(prereleases.length).toBeLessThanOrEqual(page.lines.length * PRERELEASES_PER_LINE + 4);
    for (const tag of ["canary", "experimental", "rc", "beta"]) expect(prereleases).toContain(source.distTags[tag as keyof typeof source.distTags]);
    expect(versionsPage({ ...source, versions: source.versions.slice(0, 50) }).picker.more).toBeUndefined();
  });

  it("stays small: no publish times, no row past the windows", () => {
    const json = JSON.stringify(page);
    expect(json).not.toContain("publishedAt");
    // What the client components take as props: 100 + 5 × 10 rows and about 150 picker versions.
    expect(json.length).toBeLessThan(40_000);
  });
});
