import { readFileSync } from "node:fs";
import { config } from "../../config.mjs";
import { PkgdiffError } from "../../errors";
import type { Ecosystem } from "../ecosystem";
import type { PackageInfo, RegistryAdapter } from "../types";
import { unpackInPool } from "../unpack-in-pool";
import { parseVersionSpec } from "../version-spec";
import { createHexRegistry } from "./adapter";
import { createHexClient, type HexClient, type HexClientOptions } from "./client";
import { parseHexPackageName } from "./package-name";
import { hexReleaseMetadata } from "./release-metadata";
import { type HexReleaseEntry, previousHexVersion, resolveHexVersion } from "./release-rules";
import { createHexSearch } from "./search";
import { parseHexPublicKey } from "./signed";
import { unpackHexTree } from "./tarball";
import { hexScanFilesTask, hexUnpackTask } from "./worker-tasks";
import { HEX_REVIEW } from "./review";

/** What the rules need of each release: its version and whether it is retired. */
function releasesOf(pkg: PackageInfo): HexReleaseEntry[] {
  return [...pkg.versions.values()].map((v) => ({ version: v.version, retired: v.retired }));
}

/**
 * Hex (https://github.com/hexpm/specifications): `/hex/…` URLs, one-segment
 * names, Elixir versions and requirements (`~> 2.1`), latest = the highest
 * stable release that is not retired, signed registry resources and v3
 * tarballs whose files sit at the root of contents.tar.gz.
 */
export const hexEcosystem: Ecosystem = {
  id: "hex",
  urlPrefix: "/hex",
  label: "Hex",
  examples: ["decimal"],
  names: {
    split(segments) {
      const [first, ...rest] = segments;
      if (first === undefined || first === "") throw new PkgdiffError("bad_request", "The package name is missing.");
      return { name: parseHexPackageName(first), rest };
    },
    parse: parseHexPackageName,
  },
  versions: {
    parseSpec: parseVersionSpec,
    resolve: (pkg, spec) => resolveHexVersion(pkg.name, releasesOf(pkg), spec.trim()),
    isExact: (pkg, spec) => pkg.versions.has(spec),
    latest: (pkg) => resolveHexVersion(pkg.name, releasesOf(pkg), "latest"),
    previous: (pkg, version) => previousHexVersion(pkg.sortedVersions, version),
  },
  createRegistry,
  review: HEX_REVIEW,
  scanFiles: hexScanFilesTask,
  unpack: unpackInPool((bytes, limits) => unpackHexTree(bytes, limits), hexUnpackTask),
  releaseMetadata: hexReleaseMetadata,
  search: createHexSearch(searchClient),
};

/** The client options from the configuration; undefined while neither HEX_REPO_URL nor HEX_MIRROR is set. */
function clientOptions(): HexClientOptions | undefined {
  const { hex, registry, limits } = config();
  if (hex.repoUrl === undefined) return undefined;
  return {
    repoUrl: hex.repoUrl,
    apiKey: hex.apiKey,
    publicKey: parseHexPublicKey(readFileSync(hex.publicKeyFile, "utf8")),
    repository: hex.repository,
    timeoutMs: registry.timeoutMs,
    retries: registry.retries,
    deadlineMs: registry.deadlineMs,
    maxTarballBytes: limits.maxTarballBytes,
  };
}

function createRegistry(): RegistryAdapter {
  const options = clientOptions();
  if (options === undefined) return unconfigured();
  return createHexRegistry(createHexClient(options), { repoUrl: options.repoUrl, packageTtlMs: config().registry.packumentTtlMs });
}

/** Search waits on /names while the home page renders: a short timeout, no retries (the index is rebuilt soon anyway). */
const SEARCH_TIMEOUT_MS = 5_000;
let searchHexClient: { client: HexClient | undefined } | undefined;

function searchClient(): HexClient | undefined {
  if (searchHexClient === undefined) {
    const options = clientOptions();
    searchHexClient = {
      client: options && createHexClient({ ...options, timeoutMs: Math.min(options.timeoutMs, SEARCH_TIMEOUT_MS), retries: 0 }),
    };
  }
  return searchHexClient.client;
}

/** Without a repository URL every Hex request is a 503 that says what to set. */
function unconfigured(): RegistryAdapter {
  const refuse = (): Promise<never> =>
    Promise.reject(new PkgdiffError("not_configured", "Hex is not configured on this server: set HEX_REPO_URL to the Hex repository's URL."));
  return { id: "hex", getPackage: refuse, getTarball: refuse };
}
