import { PkgdiffError } from "../../errors";
import { nearestVersions } from "../nearest";
import { previousRelease } from "../previous";
import { compareHexVersions, isHexPrerelease, isHexVersion, matchesHexRequirement, parseHexRequirement } from "./version";

/** A release as the rules need it: its version and whether it is retired. */
export interface HexReleaseEntry {
  version: string;
  retired?: unknown;
}

/**
 * Versions newest first in Elixir's order; what is not a valid version
 * (a registry may hold odd old ones) goes last, in the order given.
 */
export function sortHexVersionsNewestFirst(versions: readonly string[]): string[] {
  const valid = versions.filter(isHexVersion).sort((a, b) => compareHexVersions(b, a));
  return [...valid, ...versions.filter((v) => !isHexVersion(v))];
}

/**
 * "latest": the highest stable release that is not retired; when every
 * stable release is retired, the highest retired stable one; when there
 * are only prereleases, the highest non-retired prerelease, else the
 * highest prerelease. `undefined` for a package without releases.
 *
 * @example
 * latestHexVersion([{ version: "2.1.1", retired: { reason: "security" } }, { version: "2.1.0" }]); // "2.1.0"
 */
export function latestHexVersion(releases: readonly HexReleaseEntry[]): string | undefined {
  const valid = releases.filter((r) => isHexVersion(r.version));
  const best = (pick: (r: HexReleaseEntry) => boolean): string | undefined =>
    valid.filter(pick).reduce<string | undefined>((top, r) => (top === undefined || compareHexVersions(r.version, top) > 0 ? r.version : top), undefined);
  const stable = (r: HexReleaseEntry): boolean => !isHexPrerelease(r.version);
  const live = (r: HexReleaseEntry): boolean => r.retired === undefined;
  return best((r) => stable(r) && live(r)) ?? best(stable) ?? best(live) ?? best(() => true);
}

/**
 * "previous" of a version (the diff-with-previous rule shared with npm,
 * lib/registry/previous.ts): for a stable version the highest lower
 * stable one; for a prerelease the next lower prerelease of the same
 * `major.minor.patch` (Hex's registry has no publish times, so version
 * order decides), else the highest stable version below it. Retired
 * releases count: they were published, and the diff is about code.
 *
 * @example
 * previousHexVersion(["2.2.0-rc.1", "2.2.0-rc.0", "2.1.1"], "2.2.0-rc.0"); // "2.1.1"
 */
export function previousHexVersion(versions: readonly string[], version: string): string | undefined {
  return previousRelease(
    sortHexVersionsNewestFirst(versions).map((v) => ({ version: v })),
    version,
  );
}

/**
 * Turns what a URL says into one published version: the exact version,
 * `latest` (see {@link latestHexVersion}), or a requirement (`~> 2.1`,
 * `>= 1.0.0 and < 2.0.0`), which picks the highest match that is not
 * retired, else the highest retired match (as Hex's resolver prefers
 * releases that are not retired). Unknown → `version_not_found` with the
 * nearest versions.
 *
 * @example
 * resolveHexVersion("decimal", releases, "~> 2.0"); // "2.1.1"
 */
export function resolveHexVersion(name: string, releases: readonly HexReleaseEntry[], spec: string): string {
  if (releases.some((r) => r.version === spec)) return spec;
  const found = spec === "latest" ? latestHexVersion(releases) : bestMatch(releases, spec);
  if (found !== undefined) return found;
  const newestFirst = sortHexVersionsNewestFirst(releases.map((r) => r.version)).filter(isHexVersion);
  throw new PkgdiffError("version_not_found", `${name} has no version matching ${JSON.stringify(spec.slice(0, 80))}`, {
    packageName: name,
    version: spec,
    nearest: nearestVersions(newestFirst, spec),
  });
}

function bestMatch(releases: readonly HexReleaseEntry[], spec: string): string | undefined {
  const requirement = parseHexRequirement(spec);
  if (requirement === undefined) return undefined;
  const matching = releases.filter((r) => isHexVersion(r.version) && matchesHexRequirement(r.version, requirement));
  const highest = (list: readonly HexReleaseEntry[]): string | undefined => sortHexVersionsNewestFirst(list.map((r) => r.version))[0];
  return highest(matching.filter((r) => r.retired === undefined)) ?? highest(matching);
}
