import { isPrerelease, previousRelease, releaseLine } from "../registry/previous";
import type { PackageInfo } from "../registry/types";

export { isPrerelease } from "../registry/previous";

/**
 * The model behind the from/to version pickers (the home page's and
 * `/diff/<name>`'s): plain data, so a server component can compute it and
 * a client component can take it as props.
 */
/** A release its publisher retired (Hex): why, and what they said. */
export interface Retirement {
  reason: string;
  message?: string;
}

export interface PickerVersion {
  version: string;
  /** `YYYY-MM-DD`, when the registry says. */
  date?: string;
  /** ISO publish time, when the registry says (orders prereleases of a line). */
  publishedAt?: string;
  deprecated?: string;
  /** Retired by its publisher (Hex): the reason and their message. */
  retired?: Retirement;
  prerelease: boolean;
  /** Dist-tags pointing at this version (`latest`, `next`…). */
  tags: string[];
}

export interface PickerData {
  name: string;
  /**
   * Newest first, as the registry adapter sorts them (semver order): every
   * stable version, and of prereleases the tagged ones and the
   * {@link PRERELEASES_PER_LINE} last published of each release line (react
   * has thousands of canaries; the versions page lists them all).
   */
  versions: PickerVersion[];
  /** The `to` shown first: the `latest` dist-tag (else the newest stable, else the newest). */
  defaultTo?: string;
  /** The `from` shown first: the version before `defaultTo` (see `previousOf`). */
  defaultFrom?: string;
  /**
   * How many older stable versions were left out (the versions page offers
   * the newest ones first); the picker loads them when asked. Absent: none.
   */
  more?: number;
}

/** What both the adapter's PackageInfo and the packages API give, newest first. */
export interface PickerSource {
  name: string;
  distTags: Record<string, string>;
  versions: readonly { version: string; publishedAt?: string | null; deprecated?: string | false | null; retired?: Retirement | null }[];
}

/**
 * A package as the pickers and the versions page read it: every version,
 * newest first, with its publish time, deprecation and retirement.
 */
export function pickerSource(pkg: PackageInfo): PickerSource {
  return {
    name: pkg.name,
    distTags: pkg.distTags,
    versions: pkg.sortedVersions.map((version) => {
      const meta = pkg.versions.get(version);
      return { version, publishedAt: meta?.publishedAt, deprecated: meta?.deprecated, retired: meta?.retired };
    }),
  };
}

/** How many prereleases of each release line the pickers offer (the newest by publish time). */
export const PRERELEASES_PER_LINE = 10;

/**
 * Every version of `source` as the pickers and the versions page show it, newest first.
 *
 * @example
 * toPickerVersions({ name: "x", distTags: { latest: "1.0.0" }, versions: [{ version: "1.0.0", publishedAt: "2024-01-10T08:00:00.000Z" }] });
 * // → [{ version: "1.0.0", date: "2024-01-10", publishedAt: "2024-01-10T08:00:00.000Z", prerelease: false, tags: ["latest"] }]
 */
export function toPickerVersions(source: PickerSource): PickerVersion[] {
  const tags = new Map<string, string[]>();
  for (const [tag, version] of Object.entries(source.distTags)) tags.set(version, [...(tags.get(version) ?? []), tag]);
  return source.versions.map((v) => ({
    version: v.version,
    ...(v.publishedAt ? { date: v.publishedAt.slice(0, 10), publishedAt: v.publishedAt } : {}),
    ...(typeof v.deprecated === "string" && v.deprecated !== "" ? { deprecated: v.deprecated } : {}),
    ...(v.retired ? { retired: v.retired } : {}),
    prerelease: isPrerelease(v.version),
    tags: tags.get(v.version) ?? [],
  }));
}

/**
 * @example
 * const data = pickerData({ name: "demo-pkg", distTags: { latest: "1.2.0" },
 *   versions: [{ version: "2.0.0-rc.1" }, { version: "1.2.0" }, { version: "1.2.0-beta.1" }, { version: "1.1.0" }] });
 * data.defaultTo; // "1.2.0"
 * data.defaultFrom; // "1.1.0" (a stable version's previous is the previous stable one)
 */
export function pickerData(source: PickerSource): PickerData {
  return pickerDataOf(source, toPickerVersions(source));
}

/** `pickerData` of a source whose versions are already `toPickerVersions(source)` (`all`). */
export function pickerDataOf(source: Pick<PickerSource, "name" | "distTags">, all: readonly PickerVersion[]): PickerData {
  const latest = source.distTags.latest;
  const defaultTo = all.find((v) => v.version === latest)?.version ?? all.find((v) => !v.prerelease)?.version ?? all[0]?.version;
  const defaultFrom = defaultTo === undefined ? undefined : previousOf(all, defaultTo);
  const keep = new Set([defaultTo, defaultFrom]);
  for (const group of prereleaseLines(all)) for (const v of group.versions.slice(0, PRERELEASES_PER_LINE)) keep.add(v.version);
  const versions = all.filter((v) => !v.prerelease || v.tags.length > 0 || keep.has(v.version));
  return { name: source.name, versions, ...(defaultTo ? { defaultTo } : {}), ...(defaultFrom ? { defaultFrom } : {}) };
}

/** The prereleases of one release line, last published first. */
export interface PrereleaseLine {
  /** `major.minor.patch`, e.g. `19.0.0`. */
  line: string;
  versions: PickerVersion[];
}

/**
 * Prereleases grouped by release line, the highest line first; within a
 * line by publish time, last first (version order where times are missing).
 *
 * @example
 * prereleaseLines(toPickerVersions(source)).map((g) => g.line); // ["19.0.0", "18.3.0", "0.0.0"]
 */
export function prereleaseLines(versions: readonly PickerVersion[]): PrereleaseLine[] {
  const lines = new Map<string, PickerVersion[]>();
  for (const v of versions) {
    if (!v.prerelease) continue;
    const line = releaseLine(v.version);
    const list = lines.get(line);
    if (list) list.push(v);
    else lines.set(line, [v]);
  }
  // ISO times compare as strings; a stable sort keeps version order among equal times.
  const byTime = (a: PickerVersion, b: PickerVersion) => {
    const [ta, tb] = [a.publishedAt ?? "", b.publishedAt ?? ""];
    return ta < tb ? 1 : ta > tb ? -1 : 0;
  };
  return [...lines]
    .map(([line, list]) => ({ line, versions: list.every((v) => v.publishedAt) ? list.sort(byTime) : list }))
    .sort((a, b) => compareCores(b.line, a.line));
}

/** Orders `major.minor.patch` cores numerically. */
function compareCores(a: string, b: string): number {
  const [pa, pb] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The version "diff with previous" starts from, as `/diff/<name>/<version>`
 * picks it (`previousRelease`): for a stable version the next older stable
 * one, for a prerelease the one of its line published before it, else the
 * next older stable one.
 *
 * @example
 * previousOf(data.versions, "1.2.0"); // "1.1.0"
 * previousOf(data.versions, "1.2.0-beta.1"); // "1.1.0"
 */
export function previousOf(versions: readonly PickerVersion[], version: string): string | undefined {
  return previousRelease(versions, version);
}

/** The `from` choices: every version (prereleases only when shown), the chosen one always. */
export function fromOptions(data: PickerData, showPrereleases: boolean, from: string | undefined): PickerVersion[] {
  return data.versions.filter((v) => showPrereleases || !v.prerelease || v.version === from);
}

/** The `to` choices: only versions newer than `from` (prereleases only when shown), the chosen one always. */
export function toOptions(data: PickerData, from: string | undefined, showPrereleases: boolean, to: string | undefined): PickerVersion[] {
  const at = data.versions.findIndex((v) => v.version === from);
  const newer = at === -1 ? data.versions : data.versions.slice(0, at);
  return newer.filter((v) => showPrereleases || !v.prerelease || v.version === to);
}

/**
 * The `to` to keep after `from` or the prerelease toggle changed: the
 * current one if still newer (a chosen prerelease stays when they are hidden),
 * else the default (latest) if newer, else the oldest newer version shown.
 *
 * @example
 * toAfterFromChange(data, "1.2.0", "1.2.0", false); // undefined: nothing stable is newer than 1.2.0
 * toAfterFromChange(data, "1.2.0", "1.2.0", true); // "2.0.0-rc.1"
 */
export function toAfterFromChange(data: PickerData, from: string, to: string | undefined, showPrereleases: boolean): string | undefined {
  const options = toOptions(data, from, showPrereleases, to);
  if (to !== undefined && options.some((v) => v.version === to)) return to;
  if (data.defaultTo !== undefined && options.some((v) => v.version === data.defaultTo)) return data.defaultTo;
  return options[options.length - 1]?.version;
}

/** Whether prereleases start shown: when a default is one, or there is nothing else. */
export function showPrereleasesInitially(data: PickerData): boolean {
  const pick = (version: string | undefined) => data.versions.find((v) => v.version === version)?.prerelease ?? false;
  return pick(data.defaultTo) || pick(data.defaultFrom) || data.versions.every((v) => v.prerelease);
}

/**
 * The text of one `<option>`: version, tags, date, deprecation.
 *
 * @example
 * optionLabel({ version: "1.0.0", date: "2024-01-10", deprecated: "use 1.1.0", prerelease: false, tags: [] });
 * // "1.0.0 · 2024-01-10 · deprecated"
 */
export function optionLabel(v: PickerVersion): string {
  return [v.version + (v.tags.length ? ` (${v.tags.join(", ")})` : ""), v.date, v.deprecated !== undefined ? "deprecated" : undefined]
    .filter(Boolean)
    .join(" · ");
}

/**
 * The `/api/v1/packages/<name>` JSON as a `PickerSource`; throws on a body of
 * another shape rather than showing wrong versions.
 *
 * @example
 * parsePackagesAnswer({ name: "a", distTags: { latest: "1.0.0" }, versions: [{ version: "1.0.0", publishedAt: null, deprecated: false }] });
 */
export function parsePackagesAnswer(body: unknown): PickerSource {
  const fail = (): never => {
    throw new Error("The packages API answered in an unexpected shape");
  };
  if (typeof body !== "object" || body === null) return fail();
  const { name, distTags, versions } = body as Record<string, unknown>;
  if (typeof name !== "string" || typeof distTags !== "object" || distTags === null || !Array.isArray(versions)) return fail();
  const tags: Record<string, string> = {};
  for (const [tag, version] of Object.entries(distTags)) if (typeof version === "string") tags[tag] = version;
  return {
    name,
    distTags: tags,
    versions: versions.map((v: unknown) => {
      if (typeof v !== "object" || v === null) return fail();
      const { version, publishedAt, deprecated, retired } = v as Record<string, unknown>;
      if (typeof version !== "string") return fail();
      const retirement = parseRetirement(retired);
      return {
        version,
        publishedAt: typeof publishedAt === "string" ? publishedAt : null,
        deprecated: typeof deprecated === "string" ? deprecated : false,
        ...(retirement ? { retired: retirement } : {}),
      };
    }),
  };
}

/** A packages answer's `retired` field: `{ reason, message? }` or nothing. */
function parseRetirement(raw: unknown): Retirement | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const { reason, message } = raw as Record<string, unknown>;
  if (typeof reason !== "string") return undefined;
  return typeof message === "string" && message !== "" ? { reason, message } : { reason };
}
