import type { KeyObject } from "node:crypto";
import { LRUCache } from "lru-cache";
import { type ErrorDetails, PkgdiffError } from "../../errors";
import { formatBytes } from "../../format-bytes";
import { type RegistryRequest, type RequestPolicy, requestFromRegistry } from "../npm/http";
import { createOriginPolicy } from "../npm/origin";
import { readBodyLimited, readBodyWithin } from "../npm/read-body";
import type { HexNames, HexPackage, HexVersions } from "./messages";
import { parseHexPackageName } from "./package-name";
import { type SignedResourceOptions, decodeNamesResource, decodePackageResource, decodeVersionsResource } from "./signed";
import { HEX_MAX_TARBALL_BYTES, type HexChecksums, verifyHexTarball } from "./tarball";
import { isHexVersion } from "./version";

export interface HexClientOptions {
  /** Repository base URL (HEX_REPO_URL), with or without a trailing slash. */
  repoUrl: string;
  /** HEX_API_KEY: sent as `authorization: <key>` (Hex sends it bare, not as a Bearer token). */
  apiKey?: string;
  /** The repository's public key (HEX_REPO_PUBLIC_KEY, parsed with parseHexPublicKey). */
  publicKey: KeyObject;
  /** The repository name payloads must carry; "hexpm" for the public repository. */
  repository: string;
  timeoutMs: number;
  retries: number;
  /** pkgdiff's tarball limit; Hex's 16 MiB applies when smaller. */
  maxTarballBytes: number;
  retryBaseMs?: number;
  /** How long one request may wait for an answer across its attempts (REGISTRY_DEADLINE_MS); 0 or absent: none. */
  deadlineMs?: number;
  fetch?: typeof fetch;
  /** Bound on a registry resource as sent (gzipped). Default 64 MiB. */
  maxResourceBytes?: number;
  /** Bound on a registry resource gunzipped. Default 256 MiB. */
  maxInflatedBytes?: number;
  /** Bodies kept for ETag revalidation, by total size. Default 64 MiB. */
  etagCacheBytes?: number;
}

export interface HexClient {
  /** `/names`: every package name in the repository (the search index's source). */
  names(signal?: AbortSignal): Promise<HexNames>;
  /** `/versions`: every package's versions and retired indexes. */
  versions(signal?: AbortSignal): Promise<HexVersions>;
  /** `/packages/<name>`: releases, checksums, dependencies, retirements. `not_found` for an unknown package. */
  package(name: string, signal?: AbortSignal): Promise<HexPackage>;
  /** `/tarballs/<name>-<version>.tar`, verified against the release's checksums before it is returned. */
  tarball(name: string, version: string, checksums: HexChecksums, signal?: AbortSignal): Promise<Uint8Array>;
}

const MiB = 1024 * 1024;

/**
 * The one border to a Hex repository
 * (https://github.com/hexpm/specifications/blob/main/endpoints.md#repository).
 * Requests go through the npm adapter's HTTP layer (origin-checked
 * redirects, per-attempt inactivity timeout, retries with backoff, typed
 * errors); on top of it, registry resources are revalidated with their
 * ETag (a 304 reuses the body we have and re-verifies it) and every
 * resource is verified before anyone sees it.
 *
 * @example
 * const hex = createHexClient({ repoUrl, publicKey, repository: "hexpm", timeoutMs: 30_000, retries: 2, maxTarballBytes: 200 * MiB });
 * const pkg = await hex.package("decimal");
 * const release = pkg.releases.at(-1)!;
 * const bytes = await hex.tarball("decimal", release.version, release);
 */
export function createHexClient(options: HexClientOptions): HexClient {
  const base = options.repoUrl.endsWith("/") ? options.repoUrl : `${options.repoUrl}/`;
  const revalidation = new LRUCache<string, { etag: string; body: Uint8Array }>({
    maxSize: options.etagCacheBytes ?? 64 * MiB,
    sizeCalculation: (entry) => Math.max(1, entry.body.byteLength),
  });
  const policy: RequestPolicy = {
    fetch: revalidatingFetch(options.fetch ?? globalThis.fetch, revalidation, options.apiKey || undefined),
    origins: createOriginPolicy(base, []),
    // The key is added by revalidatingFetch: the shared layer would send it as a Bearer token.
    token: undefined,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryBaseMs: options.retryBaseMs ?? 200,
    deadlineMs: options.deadlineMs ?? 0,
  };
  const verify: SignedResourceOptions = {
    publicKey: options.publicKey,
    repository: options.repository,
    maxInflatedBytes: options.maxInflatedBytes ?? 256 * MiB,
  };
  const maxResourceBytes = options.maxResourceBytes ?? 64 * MiB;

  function resource<T>(path: string, details: ErrorDetails, onNotFound: () => PkgdiffError, decode: (body: Uint8Array) => T, signal?: AbortSignal): Promise<T> {
    const url = `${base}${path}`;
    const request: RegistryRequest<T> = {
      url,
      accept: "application/octet-stream",
      subject: `/${path}`,
      details,
      onNotFound,
      read: async (response, progress) => {
        const body = await readBodyLimited(response, maxResourceBytes, progress);
        if (body === undefined) throw new PkgdiffError("too_large", `The registry's /${path} is larger than ${formatBytes(maxResourceBytes)}`, details);
        const value = decode(body);
        // Kept only once verified, so a 304 never revives bytes that failed.
        const etag = response.headers.get("etag");
        if (etag !== null) revalidation.set(url, { etag, body });
        return value;
      },
    };
    return requestFromRegistry(request, policy, signal);
  }

  const missingIndex = (path: string) => (): PkgdiffError =>
    new PkgdiffError("upstream", `The Hex repository has no /${path} (404): check HEX_REPO_URL`);

  return {
    names: (signal) => resource("names", {}, missingIndex("names"), (body) => decodeNamesResource(body, verify), signal),
    versions: (signal) => resource("versions", {}, missingIndex("versions"), (body) => decodeVersionsResource(body, verify), signal),
    package(rawName, signal) {
      const name = parseHexPackageName(rawName);
      return resource(
        `packages/${name}`,
        { packageName: name },
        () => new PkgdiffError("not_found", `There is no Hex package named ${name} in the repository`, { packageName: name }),
        (body) => decodePackageResource(body, name, verify),
        signal,
      );
    },
    async tarball(rawName, version, checksums, signal) {
      const name = parseHexPackageName(rawName);
      if (!isHexVersion(version)) throw new PkgdiffError("bad_request", `${JSON.stringify(version.slice(0, 80))} is not an exact Hex version`);
      const details: ErrorDetails = { packageName: name, version };
      const maxBytes = Math.min(options.maxTarballBytes, HEX_MAX_TARBALL_BYTES);
      const tooLarge = (): PkgdiffError =>
        new PkgdiffError("too_large", `The tarball of ${name} ${version} is larger than the ${formatBytes(maxBytes)} limit`, details);
      const bytes = await requestFromRegistry(
        {
          url: `${base}tarballs/${name}-${encodeURIComponent(version)}.tar`,
          accept: "application/octet-stream",
          subject: `the tarball of ${name} ${version}`,
          details,
          onNotFound: () => new PkgdiffError("upstream", `The registry lists ${name} ${version} but has no tarball for it (404)`, details),
          read: (response, progress) => readBodyWithin(response, maxBytes, progress, tooLarge),
        },
        policy,
        signal,
      );
      await verifyHexTarball(bytes, checksums, { name, version });
      return bytes;
    },
  };
}

/**
 * fetch with Hex's authorization and ETag revalidation: a known body's
 * ETag goes out as If-None-Match, and a 304 comes back as the 200 it
 * stands for (the kept body), so the shared HTTP layer needs no notion of
 * caching. Tarballs are immutable and never kept.
 */
function revalidatingFetch(
  inner: typeof fetch,
  kept: LRUCache<string, { etag: string; body: Uint8Array }>,
  apiKey: string | undefined,
): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    const headers = new Headers(init?.headers);
    if (apiKey !== undefined) headers.set("authorization", apiKey);
    const known = kept.get(url);
    if (known !== undefined) headers.set("if-none-match", known.etag);
    const response = await inner(input, { ...init, headers });
    if (response.status !== 304 || known === undefined) return response;
    await response.body?.cancel().catch(() => undefined);
    return new Response(Buffer.from(known.body), { status: 200, headers: { etag: known.etag } });
  };
}
