import { previousReleases } from "../registry/previous";
import {
  type PickerData,
  type PickerSource,
  type PickerVersion,
  PRERELEASES_PER_LINE,
  pickerDataOf,
  prereleaseLines,
  toPickerVersions,
} from "./version-picker";

/**
 * The model of `/diff/<name>`, the versions page: windows of rows, so that
 * react's 2,800 prereleases (or next's thousand stable releases) do not make
 * the page megabytes. Plain data for server and client components alike.
 */

/** How many stable releases the page lists before "Show all" (newest first). */
export const STABLE_WINDOW = 100;

/** How many release lines (the newest) show `PRERELEASES_PER_LINE` rows before "Show all"; the older ones show `OLDER_LINE_ROWS`. */
export const RECENT_LINES = 5;
export const OLDER_LINE_ROWS = 3;

/** One version with its "diff with previous" start, as a row of the versions page. */
export interface VersionRowData {
  /** Without `publishedAt`: the row shows `date`, and the order is already made. */
  v: PickerVersion;
  previous?: string;
}

/** A list the page shows in part: the first rows and how many there are in all. */
export interface VersionWindow {
  /** `stable`, or the release line (`19.0.0`) of a group of prereleases. */
  group: string;
  rows: VersionRowData[];
  total: number;
}

export interface VersionsPageData {
  picker: PickerData;
  /** Stable releases, newest first (version order). */
  stable: VersionWindow;
  /** Prereleases by release line, the highest line first, each last published first. */
  lines: VersionWindow[];
  /** How many prereleases in all. */
  prereleases: number;
}

/** The group name of the stable releases (a release line is always `major.minor.patch`). */
const STABLE_GROUP = "stable";

/**
 * The versions page of `source` (versions newest first, as the adapter sorts them).
 *
 * @example
 * const page = versionsPage({ name: "demo-pkg", distTags: { latest: "1.1.0" },
 *   versions: [{ version: "2.0.0-rc.1" }, { version: "1.1.0" }, { version: "1.0.0" }] });
 * page.stable.rows.map((r) => [r.v.version, r.previous]); // [["1.1.0", "1.0.0"], ["1.0.0", undefined]]
 * page.lines[0]?.group; // "2.0.0"
 */
export function versionsPage(source: PickerSource): VersionsPageData {
  const all = toPickerVersions(source);
  const groups = versionGroups(all);
  const window = (group: { group: string; rows: VersionRowData[] }, size: number): VersionWindow => ({
    group: group.group,
    rows: group.rows.slice(0, size),
    total: group.rows.length,
  });
  const [stable, ...lines] = groups;
  return {
    picker: pickerWindow(pickerDataOf(source, all), new Set(stable?.rows.slice(0, STABLE_WINDOW).map((row) => row.v.version))),
    stable: window(stable ?? { group: STABLE_GROUP, rows: [] }, STABLE_WINDOW),
    // The newest lines show their last few prereleases; older ones (react has 36 lines back to 0.9.0) fewer, so the page stays small.
    lines: lines.map((line, i) => window(line, i < RECENT_LINES ? PRERELEASES_PER_LINE : OLDER_LINE_ROWS)),
    prereleases: lines.reduce((sum, line) => sum + line.rows.length, 0),
  };
}

/**
 * Every row of one group (`stable` or a release line) of the versions, for
 * "Show all": the client loads the packages API and takes its group from here.
 *
 * @example
 * groupRows(toPickerVersions(source), "2.0.0"); // every 2.0.0 prerelease, last published first
 */
export function groupRows(all: readonly PickerVersion[], group: string): VersionRowData[] {
  return versionGroups(all).find((g) => g.group === group)?.rows ?? [];
}

/** The stable group first (even when empty), then the prerelease lines, every row with its previous. */
function versionGroups(all: readonly PickerVersion[]): { group: string; rows: VersionRowData[] }[] {
  const previous = previousReleases(all);
  const row = (v: PickerVersion): VersionRowData => {
    const before = previous.get(v.version);
    return { v: withoutTime(v), ...(before === undefined ? {} : { previous: before }) };
  };
  return [
    { group: STABLE_GROUP, rows: all.filter((v) => !v.prerelease).map(row) },
    ...prereleaseLines(all).map((line) => ({ group: line.line, rows: line.versions.map(row) })),
  ];
}

/**
 * The picker's versions without the stable ones past the page's window
 * (the defaults and tagged ones stay); `more` counts what was left out.
 */
function pickerWindow(picker: PickerData, newest: ReadonlySet<string>): PickerData {
  const keep = (v: PickerVersion) =>
    v.prerelease || newest.has(v.version) || v.tags.length > 0 || v.version === picker.defaultTo || v.version === picker.defaultFrom;
  const versions = picker.versions.filter(keep).map(withoutTime);
  const more = picker.versions.length - versions.length;
  return { ...picker, versions, ...(more > 0 ? { more } : {}) };
}

/** What the client needs of a version: the publish time only orders, on the server. */
function withoutTime(v: PickerVersion): PickerVersion {
  if (v.publishedAt === undefined) return v;
  const slim = { ...v };
  delete slim.publishedAt;
  return slim;
}
