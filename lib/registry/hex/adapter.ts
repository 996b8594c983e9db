import { cachedLoader } from "../cached-loader";
import { createPackageInfo } from "../package-info";
import type { PackageInfo, RegistryAdapter } from "../types";
import type { HexClient } from "./client";
import type { HexPackage, HexRelease } from "./messages";
import { latestHexVersion } from "./release-rules";

export interface HexAdapterOptions {
  /** Repository base URL, for the tarball URLs shown to nobody but kept for symmetry with npm. */
  repoUrl: string;
  /** How long a verified `/packages/<name>` stays fresh without asking again (it is revalidated with its ETag after). */
  packageTtlMs: number;
  /** Packages remembered at once. Default 500. */
  cacheSize?: number;
}

/**
 * The Hex repository as a RegistryAdapter: `/packages/<name>` (signed,
 * verified by the client) becomes PackageInfo — versions in SemVer (Elixir's)
 * order, retirements, `latest` as the one dist-tag (Hex's rule: the
 * highest stable release that is not retired), the outer checksum as a
 * `sha256-` integrity so the tarball cache verifies what it reads back.
 * Tarballs come from the client, verified against the release.
 *
 * @example
 * const hex = createHexRegistry(createHexClient(options), { repoUrl, packageTtlMs: 60_000 });
 * const pkg = await hex.getPackage("decimal");
 */
export function createHexRegistry(client: HexClient, options: HexAdapterOptions): RegistryAdapter {
  const releases = new WeakMap<PackageInfo, Map<string, HexRelease>>();
  const loadPackage = cachedLoader(
    async (name) => {
      const hexPackage = await client.package(name);
      const pkg = toPackageInfo(hexPackage, options.repoUrl);
      releases.set(pkg, new Map(hexPackage.releases.map((r) => [r.version, r])));
      return pkg;
    },
    { ttlMs: options.packageTtlMs, maxEntries: options.cacheSize ?? 500 },
  );
  return {
    id: "hex",
    getPackage(name, signal) {
      return loadPackage(name, signal);
    },
    async getTarball(pkg, version, signal) {
      const release = releases.get(pkg)?.get(version) ?? (await client.package(pkg.name, signal)).releases.find((r) => r.version === version);
      // The client names the version in its 404; an unknown version never reaches here (resolved first).
      return client.tarball(pkg.name, version, release ?? { outerChecksum: undefined, innerChecksum: undefined }, signal);
    },
  };
}

/** A verified Hex package as the app's PackageInfo. */
export function toPackageInfo(hexPackage: HexPackage, repoUrl: string): PackageInfo {
  const base = repoUrl.endsWith("/") ? repoUrl : `${repoUrl}/`;
  const latest = latestHexVersion(hexPackage.releases);
  return createPackageInfo({
    registry: "hex",
    name: hexPackage.name,
    versions: hexPackage.releases.map((release) => ({
      version: release.version,
      tarballUrl: `${base}tarballs/${hexPackage.name}-${encodeURIComponent(release.version)}.tar`,
      ...(release.outerChecksum?.byteLength ? { integrity: `sha256-${Buffer.from(release.outerChecksum).toString("base64")}` } : {}),
      dependencies: release.dependencies.map((dep) => ({
        name: dep.package,
        requirement: dep.requirement,
        optional: dep.optional,
        ...(dep.app && dep.app !== dep.package ? { app: dep.app } : {}),
        ...(dep.repository ? { repository: dep.repository } : {}),
      })),
      ...(release.retired ? { retired: { reason: release.retired.reason, ...(release.retired.message ? { message: release.retired.message } : {}) } } : {}),
    })),
    distTags: latest === undefined ? {} : { latest },
  });
}
