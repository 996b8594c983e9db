import semver from "semver";
import { PkgdiffError } from "../../errors";
import { nearestVersions } from "../nearest";
import { previousRelease } from "../previous";
import type { PackageInfo } from "../types";
import { parseVersionSpec } from "../version-spec";

export { parseVersionSpec } from "../version-spec";

/**
 * Turns an exact version, a dist-tag or a semver range into one published
 * version. Order follows npm-package-arg: exact version, then range, then
 * tag (npm refuses tags that are valid ranges, so they cannot clash). A
 * range picks the highest satisfying version; prereleases only match when
 * the range names one on the same major.minor.patch, as semver does.
 * Unknown → `version_not_found` with up to 5 nearest versions.
 *
 * @example
 * resolveVersion(pkg, "v1.2.0"); // "1.2.0"
 * resolveVersion(pkg, "next"); // "2.0.0-rc.1"
 * resolveVersion(pkg, "^1"); // "1.2.0"
 */
export function resolveVersion(pkg: PackageInfo, rawSpec: string): string {
  const spec = parseVersionSpec(rawSpec);
  if (pkg.versions.has(spec)) return spec;
  const withoutV = /^v\d/i.test(spec) ? spec.slice(1) : undefined;
  if (withoutV !== undefined && pkg.versions.has(withoutV)) return withoutV;

  const range = semver.validRange(spec);
  if (range !== null) {
    const best = semver.maxSatisfying(pkg.sortedVersions, range);
    if (best !== null) return best;
  } else if (Object.hasOwn(pkg.distTags, spec)) {
    const tagged = pkg.distTags[spec];
    if (tagged !== undefined && pkg.versions.has(tagged)) return tagged;
  }
  throw new PkgdiffError("version_not_found", `${pkg.name} has no version matching ${JSON.stringify(spec)}`, {
    packageName: pkg.name,
    version: spec,
    nearest: nearestVersions(pkg.sortedVersions, spec),
  });
}

/**
 * True when `spec` is literally a published version, so a URL using it is
 * canonical. `v1.2.0` is not: it resolves, but through a redirect.
 *
 * @example
 * isExactVersion(pkg, "1.2.0"); // true
 * isExactVersion(pkg, "latest"); // false
 */
export function isExactVersion(pkg: PackageInfo, spec: string): boolean {
  return pkg.versions.has(spec);
}

/**
 * The version a "diff with previous" link starts from (`previousRelease`:
 * stable → the highest lower stable; prerelease → the one of its release
 * line published just before, else the highest lower stable).
 * `undefined` for the first version. A version the registry does not list
 * (unpublished) still gets the highest lower version of its kind.
 *
 * @example
 * previousVersion(pkg, "1.2.0"); // "1.1.0" (skips 1.2.0-beta.1)
 * previousVersion(pkg, "1.2.0-beta.1"); // "1.1.0"
 * previousVersion(pkg, "1.0.0"); // undefined
 */
export function previousVersion(pkg: PackageInfo, version: string): string | undefined {
  if (semver.valid(version) === null) {
    throw new PkgdiffError("bad_request", `${JSON.stringify(version.slice(0, 80))} is not an exact version`);
  }
  if (pkg.versions.has(version)) {
    return previousRelease(
      pkg.sortedVersions.map((v) => ({ version: v, publishedAt: pkg.versions.get(v)?.publishedAt })),
      version,
    );
  }
  const wantStable = semver.prerelease(version) === null;
  // sortedVersions is newest first, so the first lower match is the highest.
  return pkg.sortedVersions.find(
    (candidate) => semver.lt(candidate, version) && (!wantStable || semver.prerelease(candidate) === null),
  );
}
