import type { PackageInfo } from "../registry/types";
import type { ReleaseField, ReleaseMeta } from "../review/types";

/**
 * One version's registry metadata as the review reads it, from the
 * adapter's PackageInfo. `carried` lists what the registry is known to
 * publish for this package (fields any version has), so an absent field is
 * "not available" only when the registry never sends it.
 *
 * @example
 * releaseMeta(pkg, "4.19.2").npmUser; // → { name: "wesleytodd", … }
 */
export function releaseMeta(pkg: PackageInfo, version: string, carried: readonly ReleaseField[] = carriedFields(pkg)): ReleaseMeta | undefined {
  const entry = pkg.versions.get(version);
  if (!entry) return undefined;
  const publisher = entry.publisher ?? {};
  const meta: ReleaseMeta = { carried };
  if (entry.publishedAt) meta.publishedAt = entry.publishedAt;
  if (entry.deprecated) meta.deprecated = entry.deprecated;
  if (entry.retired) meta.retired = entry.retired;
  if (entry.dependencies) meta.dependencies = entry.dependencies.map(({ name, requirement, optional }) => ({ name, requirement, optional }));
  if (publisher.npmUser) meta.npmUser = publisher.npmUser;
  if (publisher.maintainers) meta.maintainers = publisher.maintainers;
  if (publisher.attestations) meta.attestations = publisher.attestations;
  if (publisher.repositoryUrl) meta.repositoryUrl = publisher.repositoryUrl;
  if (publisher.gitHead) meta.gitHead = publisher.gitHead;
  if (publisher.license) meta.license = publisher.license;
  return meta;
}

/**
 * What the registry is known to publish for the package (fields any of its
 * versions has): one pass over the versions, shared by both sides of a diff.
 */
export function carriedFields(pkg: PackageInfo): ReleaseField[] {
  const carried = new Set<ReleaseField>(pkg.carried ?? []);
  carried.add("deprecated").add("retired");
  for (const v of pkg.versions.values()) {
    if (v.publishedAt) carried.add("publishedAt");
    if (v.dependencies) carried.add("dependencies");
    if (v.publisher?.npmUser?.trustedPublisher !== undefined) carried.add("trustedPublisher");
  }
  return [...carried].sort();
}
