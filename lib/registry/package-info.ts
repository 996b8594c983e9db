import semver from "semver";
import type { PackageInfo, PackageVersion } from "./types";

export interface PackageInfoInput {
  registry: string;
  name: string;
  versions: readonly PackageVersion[];
  distTags?: Record<string, string>;
  carried?: PackageInfo["carried"];
}

/**
 * Builds a `PackageInfo` the same way for every adapter (and for tests):
 * versions keyed by exact version, sorted newest first by semver, and
 * dist-tags kept only when they point at a listed version, so a resolved
 * tag always names something that can be fetched.
 *
 * @example
 * createPackageInfo({ registry: "npm", name: "x", versions: [v100, v110], distTags: { latest: "1.1.0" } })
 *   .sortedVersions; // ["1.1.0", "1.0.0"]
 */
export function createPackageInfo(input: PackageInfoInput): PackageInfo {
  const versions = new Map<string, PackageVersion>();
  for (const entry of input.versions) {
    if (semver.valid(entry.version) === entry.version) versions.set(entry.version, entry);
  }
  const sortedVersions = [...versions.keys()].sort(semver.rcompare);
  const distTags: Record<string, string> = {};
  for (const [tag, version] of Object.entries(input.distTags ?? {})) {
    // "__proto__" would be swallowed by the object itself; readers use Object.hasOwn for the rest.
    if (tag !== "__proto__" && versions.has(version)) distTags[tag] = version;
  }
  return {
    registry: input.registry,
    name: input.name,
    versions,
    sortedVersions,
    distTags,
    ...(input.carried ? { carried: input.carried } : {}),
  };
}
