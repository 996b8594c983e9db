/**
 * The registry border: each ecosystem's adapter (lib/registry/<id>/: npm's
 * JSON packuments, Hex's signed protobuf resources) turns what its registry
 * sends into these app types and typed errors (`PkgdiffError`).
 */
export interface PackageVersion {
  version: string;
  /** ISO time of publication, when the registry says. */
  publishedAt?: string;
  /** Deprecation message, when deprecated. */
  deprecated?: string;
  /** Retirement (Hex): why the publisher retired this release, and what they said. */
  retired?: { reason: string; message?: string };
  tarballUrl: string;
  /** Subresource-integrity string (`sha512-...`), when published. */
  integrity?: string;
  /** Hex sha1 of the tarball (older packages only have this). */
  shasum?: string;
  /** Who published it and how, as far as the registry says; read by the review summary. */
  publisher?: PublisherInfo;
  /**
   * The release's requirements as the registry lists them (Hex); npm's live
   * in each tarball's package.json instead and stay undefined here.
   */
  dependencies?: readonly RegistryDependency[];
}

/** One requirement of a release in the registry's metadata (Hex: package, requirement, optional, app, repository). */
export interface RegistryDependency {
  name: string;
  requirement: string;
  optional: boolean;
  /** The OTP application name, when it differs from the package name. */
  app?: string;
  /** The repository the dependency comes from, when it is not this one. */
  repository?: string;
}

/** npm's publish metadata of one version (`_npmUser`, `dist.attestations`, …). */
export interface PublisherInfo {
  npmUser?: { name: string; email?: string; trustedPublisher?: unknown };
  maintainers?: { name: string }[];
  /** `dist.attestations`: the version has provenance. */
  attestations?: { url: string };
  repositoryUrl?: string;
  gitHead?: string;
  license?: string;
}

export interface PackageInfo {
  /** Adapter id, e.g. "npm"; part of cache keys. */
  registry: string;
  name: string;
  /** Every published version, keyed by exact version. */
  versions: Map<string, PackageVersion>;
  /** Exact versions sorted newest first (semver order). */
  sortedVersions: string[];
  distTags: Record<string, string>;
  /**
   * The publisher fields this registry carries for the package (any of its
   * versions has them): an absent field that is not carried is "not
   * available", never a downgrade (mirrors often strip them).
   */
  carried?: (keyof PublisherInfo)[];
}

export interface RegistryAdapter {
  /** Short id used in cache keys and URL prefixes ("npm" is unprefixed). */
  readonly id: string;
  /** Packument, cached briefly by name. Throws `not_found` for unknown packages. */
  getPackage(name: string, signal?: AbortSignal): Promise<PackageInfo>;
  /** The tarball's bytes, verified against integrity/shasum, within the size limit. */
  getTarball(pkg: PackageInfo, version: string, signal?: AbortSignal): Promise<Uint8Array>;
}
