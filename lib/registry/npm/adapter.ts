import { PkgdiffError } from "../../errors";
import { formatBytes } from "../../format-bytes";
import { cachedLoader } from "../cached-loader";
import { nearestVersions } from "../nearest";
import { encodePackageNameForUrl, parsePackageName } from "./package-name";
import type { PackageInfo, RegistryAdapter } from "../types";
import { type RequestPolicy, requestFromRegistry } from "./http";
import { checkIntegrity } from "../integrity";
import { createOriginPolicy } from "./origin";
import { parsePackument } from "./packument";
import { readBodyLimited, readBodyWithin } from "./read-body";

export interface NpmRegistryOptions {
  /** Base URL, with or without a trailing slash. */
  registryUrl: string;
  /** Sent as `Authorization: Bearer`, only to the registry's own origin. */
  token?: string;
  timeoutMs: number;
  retries: number;
  packumentTtlMs: number;
  allowedTarballOrigins: string[];
  maxTarballBytes: number;
  fetch?: typeof fetch;
  /** First retry waits about this long, doubling after; tests make it small. Default 200. */
  retryBaseMs?: number;
  /** How long one registry request may wait for an answer across its attempts (REGISTRY_DEADLINE_MS); 0 or absent: none. */
  deadlineMs?: number;
  /** Packuments of packages with thousands of versions run to tens of MiB. Default 256 MiB. */
  maxPackumentBytes?: number;
  /** Packuments remembered at once. Default 500. */
  packumentCacheSize?: number;
  /** Turns a packument's bytes into PackageInfo; default `parsePackument` on this thread. */
  parsePackument?: (name: string, body: Uint8Array) => PackageInfo | Promise<PackageInfo>;
}

const MiB = 1024 * 1024;

/**
 * The npm registry adapter (also any registry speaking its protocol:
 * Verdaccio, Artifactory, GitHub Packages…). Full packuments, because only
 * they carry publish times; tarballs verified before anyone sees them.
 *
 * @example
 * const npm = createNpmRegistry({ registryUrl, timeoutMs: 30_000, retries: 2, packumentTtlMs: 60_000,
 *   allowedTarballOrigins: [], maxTarballBytes: 200 * 1024 * 1024 });
 * const pkg = await npm.getPackage("react");
 * const bytes = await npm.getTarball(pkg, pkg.distTags.latest!);
 */
export function createNpmRegistry(options: NpmRegistryOptions): RegistryAdapter {
  const base = options.registryUrl.endsWith("/") ? options.registryUrl : `${options.registryUrl}/`;
  const policy: RequestPolicy = {
    fetch: options.fetch ?? globalThis.fetch,
    origins: createOriginPolicy(base, options.allowedTarballOrigins),
    token: options.token || undefined,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryBaseMs: options.retryBaseMs ?? 200,
    deadlineMs: options.deadlineMs ?? 0,
  };
  const maxPackumentBytes = options.maxPackumentBytes ?? 256 * MiB;
  const parse = options.parsePackument ?? parsePackument;

  const loadPackage = cachedLoader(
    (name) =>
      requestFromRegistry(
        {
          url: `${base}${encodePackageNameForUrl(name)}`,
          accept: "application/json",
          subject: name,
          details: { packageName: name },
          onNotFound: () => new PkgdiffError("not_found", `There is no package named ${name} in the registry`, { packageName: name }),
          read: async (response, progress) => {
            const body = await readBodyLimited(response, maxPackumentBytes, progress);
            if (body === undefined) {
              throw new PkgdiffError("too_large", `The registry's metadata for ${name} is larger than ${formatBytes(maxPackumentBytes, { exact: true })}`, {
                packageName: name,
              });
            }
            return parse(name, body);
          },
        },
        policy,
      ),
    { ttlMs: options.packumentTtlMs, maxEntries: options.packumentCacheSize ?? 500 },
  );

  return {
    id: "npm",
    async getPackage(rawName, signal) {
      // Validated here too, so nothing unchecked is ever put in a registry URL.
      return loadPackage(parsePackageName(rawName), signal);
    },
    getTarball(pkg, version, signal) {
      return fetchTarball(pkg, version, policy, options.maxTarballBytes, signal);
    },
  };
}

async function fetchTarball(
  pkg: PackageInfo,
  version: string,
  policy: RequestPolicy,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const entry = pkg.versions.get(version);
  const details = { packageName: pkg.name, version };
  if (!entry) {
    throw new PkgdiffError("version_not_found", `${pkg.name} has no version ${version}`, {
      ...details,
      nearest: nearestVersions(pkg.sortedVersions, version),
    });
  }
  const subject = `the tarball of ${pkg.name}@${version}`;
  const tooLarge = (): PkgdiffError =>
    new PkgdiffError("too_large", `The tarball of ${pkg.name}@${version} is larger than the ${formatBytes(maxBytes, { exact: true })} limit`, details);
  const bytes = await requestFromRegistry(
    {
      url: entry.tarballUrl,
      accept: "application/octet-stream",
      subject,
      details,
      onNotFound: () => new PkgdiffError("upstream", `The registry lists ${pkg.name}@${version} but has no tarball for it (404)`, details),
      read: (response, progress) => readBodyWithin(response, maxBytes, progress, tooLarge),
    },
    policy,
    signal,
  );
  const check = checkIntegrity(bytes, { integrity: entry.integrity, shasum: entry.shasum });
  if (check.status === "mismatch") {
    throw new PkgdiffError(
      "integrity",
      `The registry's tarball of ${pkg.name}@${version} does not match its published ${check.source === "integrity" ? `${check.algorithm} integrity` : "shasum"}`,
      details,
    );
  }
  if (check.status === "unusable") {
    throw new PkgdiffError("integrity", `The registry's checksum for ${pkg.name}@${version} is not one pkgdiff can verify`, details);
  }
  // "absent": only very old packages have no checksum at all; there is nothing to check against.
  return bytes;
}

