import semver from "semver";
import { PkgdiffError } from "../../errors";
import { createPackageInfo } from "../package-info";
import type { PackageInfo, PackageVersion, PublisherInfo } from "../types";

/**
 * A packument's bytes as `PackageInfo`: decoded, parsed and reshaped. Big
 * packages' packuments are tens of MB (next: 21 MB, ~200 ms of JSON.parse),
 * so the server runs this in its worker pool (see lib/registry/index.ts).
 */
export function parsePackument(name: string, body: Uint8Array): PackageInfo {
  let wire: unknown;
  try {
    wire = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    throw new PkgdiffError("upstream", `The registry sent invalid JSON for ${name}`, { packageName: name }, { cause: error });
  }
  return reshapePackument(name, wire);
}

/**
 * Reshapes a full packument (the registry's JSON for one package) into
 * `PackageInfo`, validating as it goes: a malformed version entry is
 * skipped rather than failing the whole package, and everything pkgdiff
 * does not use (readmes, maintainers, scripts…) is dropped here.
 * Wire format: npm's registry docs, `docs/responses/package-metadata.md` in github.com/npm/registry.
 *
 * @example
 * reshapePackument("react", JSON.parse(body)).sortedVersions[0]; // "19.0.0"
 */
export function reshapePackument(name: string, wire: unknown): PackageInfo {
  if (!isRecord(wire)) {
    throw new PkgdiffError("upstream", `The registry sent metadata for ${name} that is not a JSON object`, { packageName: name });
  }
  const wireVersions = isRecord(wire.versions) ? wire.versions : {};
  const times = isRecord(wire.time) ? wire.time : {};
  const versions: PackageVersion[] = [];
  for (const [key, entry] of Object.entries(wireVersions)) {
    const version = reshapeVersion(key, entry, times[key]);
    if (version) versions.push(version);
  }
  const listed = Object.keys(wireVersions).length;
  if (listed === 0) {
    // Unpublished packages keep a packument with `time.unpublished` and no versions.
    throw new PkgdiffError("not_found", `${name} has no published versions in the registry`, { packageName: name });
  }
  if (versions.length === 0) {
    throw new PkgdiffError("upstream", `The registry sent no usable versions for ${name}`, { packageName: name });
  }
  const carried = new Set<keyof PublisherInfo>();
  for (const version of versions) for (const field of Object.keys(version.publisher ?? {})) carried.add(field as keyof PublisherInfo);
  return createPackageInfo({ registry: "npm", name, versions, distTags: stringRecord(wire["dist-tags"]), carried: [...carried].sort() });
}

function reshapeVersion(key: string, entry: unknown, time: unknown): PackageVersion | undefined {
  if (semver.valid(key) !== key || !isRecord(entry) || !isRecord(entry.dist)) return undefined;
  const tarballUrl = nonEmptyString(entry.dist.tarball);
  if (tarballUrl === undefined) return undefined;
  const version: PackageVersion = { version: key, tarballUrl };
  const integrity = nonEmptyString(entry.dist.integrity);
  if (integrity !== undefined) version.integrity = integrity;
  const shasum = nonEmptyString(entry.dist.shasum);
  if (shasum !== undefined) version.shasum = shasum;
  // npm un-deprecates by setting an empty message, so "" means not deprecated.
  const deprecated = nonEmptyString(entry.deprecated);
  if (deprecated !== undefined) version.deprecated = deprecated;
  const publishedAt = isoTime(time);
  if (publishedAt !== undefined) version.publishedAt = publishedAt;
  const publisher = reshapePublisher(entry);
  if (Object.keys(publisher).length > 0) version.publisher = publisher;
  return version;
}

/**
 * What the review reads about a version's publishing: `_npmUser` (with
 * `trustedPublisher` when it came from OIDC trusted publishing),
 * maintainers, provenance (`dist.attestations`), repository, gitHead and
 * license. Only well-formed values are kept.
 */
function reshapePublisher(entry: Record<string, unknown>): PublisherInfo {
  const out: PublisherInfo = {};
  const user = entry._npmUser;
  if (isRecord(user) && nonEmptyString(user.name) !== undefined) {
    out.npmUser = { name: String(user.name) };
    const email = nonEmptyString(user.email);
    if (email !== undefined) out.npmUser.email = email;
    if (user.trustedPublisher !== undefined && user.trustedPublisher !== null) out.npmUser.trustedPublisher = user.trustedPublisher;
  }
  if (Array.isArray(entry.maintainers)) {
    const maintainers = entry.maintainers.flatMap((m) => (isRecord(m) && nonEmptyString(m.name) !== undefined ? [{ name: String(m.name) }] : []));
    if (maintainers.length > 0) out.maintainers = maintainers;
  }
  const dist = isRecord(entry.dist) ? entry.dist : {};
  if (isRecord(dist.attestations)) out.attestations = { url: nonEmptyString(dist.attestations.url) ?? "" };
  const repository = isRecord(entry.repository) ? nonEmptyString(entry.repository.url) : nonEmptyString(entry.repository);
  if (repository !== undefined) out.repositoryUrl = repository;
  const gitHead = nonEmptyString(entry.gitHead);
  if (gitHead !== undefined) out.gitHead = gitHead;
  const license = nonEmptyString(entry.license);
  if (license !== undefined) out.license = license;
  return out;
}

function isoTime(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string") out[key] = item;
  }
  return out;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
