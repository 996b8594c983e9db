import { config } from "../config.mjs";
import { getEnginePool } from "../workers/pool";
import { parsePackumentPooled, SMALL_INPUT_BYTES } from "../workers/pooled";
import { createNpmRegistry } from "./npm/adapter";
import { parsePackument } from "./npm/packument";
import type { RegistryAdapter } from "./types";

export type { PackageInfo, PackageVersion, RegistryAdapter } from "./types";
export { encodePackageNameForUrl, parsePackageName } from "./package-name";
export { isExactVersion, parseVersionSpec, previousVersion, resolveVersion } from "./resolve";

/**
 * Kept on globalThis rather than in a module variable because Next.js may
 * evaluate this module more than once (dev reloads, separate route
 * bundles); one adapter means one packument cache and one single-flight map.
 */
const KEY = Symbol.for("pkgdiff.npmRegistry");

type RegistryHolder = typeof globalThis & { [KEY]?: RegistryAdapter };

/**
 * The process-wide npm adapter, built from `config()` on first use.
 *
 * @example
 * const pkg = await getRegistry().getPackage("react");
 */
export function getRegistry(): RegistryAdapter {
  const holder: RegistryHolder = globalThis;
  holder[KEY] ??= createFromConfig();
  return holder[KEY];
}

function createFromConfig(): RegistryAdapter {
  const { registryUrl, npmToken, allowedTarballOrigins, limits, registry } = config();
  return createNpmRegistry({
    registryUrl,
    token: npmToken,
    timeoutMs: registry.timeoutMs,
    retries: registry.retries,
    packumentTtlMs: registry.packumentTtlMs,
    allowedTarballOrigins,
    maxTarballBytes: limits.maxTarballBytes,
    parsePackument: (name, body) =>
      body.byteLength <= SMALL_INPUT_BYTES ? parsePackument(name, body) : parsePackumentPooled(getEnginePool(), name, body),
  });
}
