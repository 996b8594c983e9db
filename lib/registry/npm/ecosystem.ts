import { config } from "../../config.mjs";
import { getEnginePool } from "../../workers/pool";
import { SMALL_INPUT_BYTES } from "../../workers/pooled";
import type { Ecosystem } from "../ecosystem";
import { parseVersionSpec } from "../version-spec";
import { createNpmRegistry } from "./adapter";
import { parsePackageName, splitPackageName } from "./package-name";
import { parsePackument } from "./packument";
import { parsePackumentPooled } from "./packument-pooled";
import { isExactVersion, previousVersion, resolveVersion } from "./resolve";
import { npmSearch } from "./search";
import { unpackNpmTarball } from "./unpack";
import { NPM_REVIEW } from "./review";
import { npmScanFilesTask } from "./worker-tasks";

/**
 * npm: unprefixed URLs, `@scope/name` names, semver ranges and dist-tags,
 * `latest` is the dist-tag, gzipped tarballs with one top folder.
 */
export const npmEcosystem: Ecosystem = {
  id: "npm",
  urlPrefix: "",
  label: "npm",
  examples: ["react", "@babel/core"],
  names: { split: splitPackageName, parse: parsePackageName },
  versions: {
    parseSpec: parseVersionSpec,
    resolve: resolveVersion,
    isExact: isExactVersion,
    latest: (pkg) => resolveVersion(pkg, "latest"),
    previous: previousVersion,
  },
  createRegistry() {
    const { registryUrl, npmToken, allowedTarballOrigins, limits, registry } = config();
    return createNpmRegistry({
      registryUrl,
      token: npmToken,
      timeoutMs: registry.timeoutMs,
      retries: registry.retries,
      deadlineMs: registry.deadlineMs,
      packumentTtlMs: registry.packumentTtlMs,
      allowedTarballOrigins,
      maxTarballBytes: limits.maxTarballBytes,
      parsePackument: (name, body) =>
        body.byteLength <= SMALL_INPUT_BYTES ? parsePackument(name, body) : parsePackumentPooled(getEnginePool(), name, body),
    });
  },
  review: NPM_REVIEW,
  scanFiles: npmScanFilesTask,
  unpack: unpackNpmTarball,
  search: npmSearch,
};
