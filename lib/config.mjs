/**
 * pkgdiff's configuration: every environment variable the README's
 * Configuration table lists, read here and nowhere else, validated, and
 * loaded once per process. Plain JavaScript (types in config.d.mts) so that
 * both the app and the production server (scripts/server.mjs, run without
 * a build step) use this one module.
 *
 * The registry URL is never written in the source: it comes from
 * REGISTRY_URL or from the user's npm setup.
 *
 * @example
 * const { limits, registryUrl } = config();
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, constants } from "node:os";
import path from "node:path";

/** A variable with a value pkgdiff cannot use; `variable` names it. */
export class ConfigError extends Error {
  /**
   * @param {string} variable
   * @param {string} message
   * @param {ErrorOptions} [options]
   */
  constructor(variable, message, options) {
    super(message, options);
    this.name = "ConfigError";
    this.variable = variable;
  }
}

const MiB = 1024 * 1024;
/** Node runs a longer setTimeout after 1 ms instead, so a timer's variable may not exceed it. */
const MAX_TIMER_MS = 2_147_483_647;
const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];

/** @typedef {Readonly<Record<string, string | undefined>>} Env */

/** @param {string | undefined} raw */
function isUnset(raw) {
  return raw === undefined || raw.trim() === "";
}

/**
 * A whole number in [min, max]; `fallback` when the variable is unset or empty.
 *
 * @param {Env} env
 * @param {string} name
 * @param {number} fallback
 * @param {{ min?: number, max?: number }} [range]
 * @returns {number}
 */
function integer(env, name, fallback, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const raw = env[name];
  if (raw === undefined || isUnset(raw)) return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
    throw new ConfigError(name, `${name} must be ${range}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * @param {Env} env
 * @param {string} name
 * @param {boolean} fallback
 * @returns {boolean}
 */
function flag(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || isUnset(raw)) return fallback;
  const value = raw.trim().toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new ConfigError(name, `${name} must be one of ${[...TRUE, ...FALSE].join(", ")}, got ${JSON.stringify(raw)}`);
}

/**
 * A path resolved against the working directory; undefined when unset.
 *
 * @param {Env} env
 * @param {string} name
 * @returns {string | undefined}
 */
function file(env, name) {
  const raw = env[name];
  // turbopackIgnore: a runtime path, not a file for Next to bundle or trace.
  return raw === undefined || isUnset(raw) ? undefined : path.resolve(/*turbopackIgnore: true*/ raw.trim());
}

/**
 * @param {string} raw
 * @param {string} source where the value came from, for the message
 * @returns {string} the URL with a trailing slash
 */
function normaliseRegistryUrl(raw, source, variable = "REGISTRY_URL") {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(variable, `${source} is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(variable, `${source} must be http(s), got ${url.protocol}`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * The public Hex repository's key, shipped in the repo: copied from the
 * `repo_public_key` of hex_core's default config (`r3_hex_core:default_config/0`
 * inside Debian's rebar3 escript), the key every Hex client trusts by default.
 * Found under the working directory, as the shipped fonts are.
 */
const HEX_DEFAULT_PUBLIC_KEY = path.join("assets", "hex", "hexpm-public-key.pem");

/**
 * The Hex repository (issue 11). Its URL is HEX_REPO_URL, else Hex's own
 * HEX_MIRROR (what the user's mix and rebar3 fetch from, as REGISTRY_URL
 * falls back to the user's npm setup); neither set → Hex pages answer that
 * the server is not configured for it. The source names no repository
 * host, public or not. The key defaults to the public repository's.
 *
 * @param {Env} env
 * @returns {import("./config.d.mts").HexConfig}
 */
function hexConfig(env) {
  const repository = (env.HEX_REPO_NAME ?? "").trim() || "hexpm";
  if (!/^[a-z][a-z0-9_]*$/.test(repository)) {
    throw new ConfigError("HEX_REPO_NAME", `HEX_REPO_NAME must be a repository name like "hexpm", got ${JSON.stringify(repository)}`);
  }
  const apiKey = env.HEX_API_KEY?.trim() || undefined;
  const publicKeyFile = file(env, "HEX_REPO_PUBLIC_KEY") ?? path.resolve(/*turbopackIgnore: true*/ process.cwd(), HEX_DEFAULT_PUBLIC_KEY);
  const variable = ["HEX_REPO_URL", "HEX_MIRROR"].find((name) => !isUnset(env[name]));
  if (variable === undefined) return { repository, apiKey, publicKeyFile };
  return { repoUrl: normaliseRegistryUrl(env[variable] ?? "", variable, variable), publicKeyFile, apiKey, repository };
}

/**
 * PUBLIC_URL: where users reach this server, for the absolute URLs of link
 * previews (og:url, og:image). Never taken from a request's Host header: an
 * immutable page is cached and replayed whatever Host asked for it.
 *
 * @param {Env} env
 * @returns {string | undefined} the URL without a trailing slash
 */
function publicUrl(env) {
  const raw = env.PUBLIC_URL;
  if (raw === undefined || isUnset(raw)) return undefined;
  const url = URL.canParse(raw.trim()) ? new URL(raw.trim()) : undefined;
  if ((url?.protocol !== "http:" && url?.protocol !== "https:") || url.search || url.hash) {
    throw new ConfigError("PUBLIC_URL", `PUBLIC_URL must be an http(s) URL without query or fragment, got ${JSON.stringify(raw)}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * The registry that the user's npm is configured with (npm's default when none is set).
 *
 * @param {Env} env
 * @returns {string}
 */
function registryFromNpm(env) {
  if (env.npm_config_registry) return env.npm_config_registry;
  try {
    return execFileSync("npm", ["config", "get", "registry"], {
      encoding: "utf8",
      timeout: 15_000,
      stdio: ["ignore", "pipe", "ignore"],
      env: /** @type {NodeJS.ProcessEnv} */ (env),
    }).trim();
  } catch (error) {
    throw new ConfigError("REGISTRY_URL", "REGISTRY_URL is not set and `npm config get registry` failed; set REGISTRY_URL", {
      cause: error,
    });
  }
}

/**
 * @param {Env} env
 * @returns {string[]}
 */
function origins(env) {
  return (env.ALLOWED_TARBALL_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const url = URL.canParse(s) ? new URL(s) : undefined;
      if (url?.protocol !== "http:" && url?.protocol !== "https:") {
        throw new ConfigError("ALLOWED_TARBALL_ORIGINS", `ALLOWED_TARBALL_ORIGINS must list http(s) origins, got ${JSON.stringify(s)}`);
      }
      return url.origin;
    });
}

/**
 * What scripts/server.mjs needs before Next loads: PORT, HOSTNAME,
 * LOG_REQUESTS, TRUST_PROXY, SHUTDOWN_TIMEOUT_MS, RESPONSE_CACHE_BYTES.
 *
 * @param {Env} [env]
 * @returns {import("./config.d.mts").ServerConfig}
 */
export function loadServerConfig(env = process.env) {
  return {
    port: integer(env, "PORT", 3000, { max: 65_535 }),
    // Empty means unset (every interface), as `next start` has it.
    hostname: env.HOSTNAME || undefined,
    logRequests: flag(env, "LOG_REQUESTS", true),
    // `true` (one proxy) is what Express-style settings say; otherwise a count.
    trustProxy: env.TRUST_PROXY?.trim() === "true" ? 1 : integer(env, "TRUST_PROXY", 0, { max: 16 }),
    shutdownTimeoutMs: integer(env, "SHUTDOWN_TIMEOUT_MS", 10_000, { max: MAX_TIMER_MS }),
    responseCacheBytes: integer(env, "RESPONSE_CACHE_BYTES", 256 * MiB),
  };
}

/**
 * @param {Env} [env]
 * @returns {import("./config.d.mts").SearchConfig}
 */
export function loadSearchConfig(env = process.env) {
  return { indexFile: file(env, "SEARCH_INDEX_FILE") };
}

/**
 * How much lower than the request-serving thread the worker threads run
 * (a Linux nice increment, capped at nice 19; ignored elsewhere): when the
 * cores are all busy, a big diff's line work and highlighting give way to
 * the event loop, which answers everyone else. With nothing else to run
 * they use the cores as before.
 */
const DEFAULT_WORKER_NICE = 10;

/**
 * @param {Env} [env]
 * @returns {import("./config.d.mts").WorkerConfig}
 */
export function loadWorkerConfig(env = process.env) {
  const unset = isUnset(env.PKGDIFF_WORKERS);
  // `next dev` recompiles lib/ on every save but dist/ only on a build: a leftover bundle would run stale engine code.
  const size = unset ? (env.NODE_ENV === "development" ? 0 : undefined) : integer(env, "PKGDIFF_WORKERS", 0);
  return { size, workerPath: file(env, "PKGDIFF_WORKER_PATH"), nice: integer(env, "PKGDIFF_WORKER_NICE", DEFAULT_WORKER_NICE, { max: constants.priority.PRIORITY_LOW }) };
}

/**
 * A TCP port (1–65535).
 *
 * @param {Env} env
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
function portNumber(env, name, fallback) {
  return integer(env, name, fallback, { min: 1, max: 65_535 });
}

/**
 * Where `npm run cluster` has Varnish listen, and so where scripts/purge.mjs finds it by default.
 *
 * @param {Env} env
 * @returns {number}
 */
function clusterPort(env) {
  return portNumber(env, "CLUSTER_PORT", 8080);
}

/**
 * `npm run cluster` (scripts/cluster.mjs): where Varnish listens (CLUSTER_PORT)
 * and its admin port (CLUSTER_ADMIN_PORT), the Redis port (CLUSTER_REDIS_PORT)
 * and the replicas' ports (CLUSTER_REPLICA_PORTS, comma-separated: one
 * replica per port).
 *
 * @param {Env} [env]
 * @returns {import("./config.d.mts").ClusterConfig}
 */
export function loadClusterConfig(env = process.env) {
  const port = clusterPort(env);
  const adminPort = portNumber(env, "CLUSTER_ADMIN_PORT", 6082);
  const redisPort = portNumber(env, "CLUSTER_REDIS_PORT", 6390);
  const raw = env.CLUSTER_REPLICA_PORTS;
  const replicaPorts =
    raw === undefined || isUnset(raw)
      ? [3001, 3002]
      : raw.split(",").map((part) => portNumber({ CLUSTER_REPLICA_PORTS: part }, "CLUSTER_REPLICA_PORTS", 0));
  const all = [port, adminPort, redisPort, ...replicaPorts];
  if (new Set(all).size !== all.length) {
    throw new ConfigError("CLUSTER_REPLICA_PORTS", `the cluster's ports must differ, got ${all.join(", ")}`);
  }
  return { port, adminPort, redisPort, replicaPorts };
}

/**
 * Where scripts/purge.mjs sends its PURGE: VARNISH_URL, else the local
 * cluster's Varnish on CLUSTER_PORT (default 8080).
 *
 * @param {Env} [env]
 * @returns {import("./config.d.mts").PurgeConfig}
 */
export function loadPurgeConfig(env = process.env) {
  const raw = env.VARNISH_URL?.trim();
  if (!raw) return { varnishUrl: `http://127.0.0.1:${clusterPort(env)}` };
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new ConfigError("VARNISH_URL", `VARNISH_URL must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  return { varnishUrl: url.origin };
}

/**
 * Shared mode (issue 14): REDIS_URL, SHARED_PEER_URL, SHARED_DIFF_MAX_BYTES, REDIS_TIMEOUT_MS, READ_ONLY. Also
 * what scripts/read-only.mjs reads (it needs no registry).
 *
 * @param {Env} [env]
 * @returns {import("./config.d.mts").SharedConfig}
 */
export function loadSharedConfig(env = process.env) {
  const raw = env.REDIS_URL;
  let redisUrl;
  if (raw !== undefined && !isUnset(raw)) {
    const url = URL.canParse(raw.trim()) ? new URL(raw.trim()) : undefined;
    if (url?.protocol !== "redis:" && url?.protocol !== "rediss:") {
      throw new ConfigError("REDIS_URL", `REDIS_URL must be a redis:// or rediss:// URL, got ${JSON.stringify(raw)}`);
    }
    redisUrl = url.href;
  }
  const rawPeer = env.SHARED_PEER_URL;
  let peerUrl;
  if (rawPeer !== undefined && !isUnset(rawPeer)) {
    const url = URL.canParse(rawPeer.trim()) ? new URL(rawPeer.trim()) : undefined;
    if ((url?.protocol !== "http:" && url?.protocol !== "https:") || url.search || url.hash) {
      throw new ConfigError("SHARED_PEER_URL", `SHARED_PEER_URL must be this replica's http(s) base URL, got ${JSON.stringify(rawPeer)}`);
    }
    peerUrl = url.origin;
  }
  return {
    redisUrl,
    peerUrl,
    diffMaxBytes: integer(env, "SHARED_DIFF_MAX_BYTES", 8 * MiB),
    commandTimeoutMs: integer(env, "REDIS_TIMEOUT_MS", 500, { min: 1, max: MAX_TIMER_MS }),
    readOnly: flag(env, "READ_ONLY", false),
  };
}

/**
 * Every variable, validated; throws a {@link ConfigError} naming the first bad one.
 *
 * @param {Env} [env]
 * @returns {import("./config.d.mts").Config}
 */
export function loadConfig(env = process.env) {
  const registryUrl = env.REGISTRY_URL
    ? normaliseRegistryUrl(env.REGISTRY_URL, "REGISTRY_URL")
    : normaliseRegistryUrl(registryFromNpm(env), "npm's registry setting");
  return {
    registryUrl,
    npmToken: env.NPM_TOKEN || undefined,
    cacheDir: path.resolve(/*turbopackIgnore: true*/ env.CACHE_DIR || ".cache"),
    allowedTarballOrigins: origins(env),
    hex: hexConfig(env),
    publicUrl: publicUrl(env),
    progressAfterMs: integer(env, "PROGRESS_AFTER_MS", 500, { max: MAX_TIMER_MS }),
    limits: {
      maxTarballBytes: integer(env, "MAX_TARBALL_BYTES", 200 * MiB),
      maxUnpackedBytes: integer(env, "MAX_UNPACKED_BYTES", 1024 * MiB),
      maxEntries: integer(env, "MAX_ENTRIES", 100_000),
      maxDiffFileBytes: integer(env, "MAX_DIFF_FILE_BYTES", 16 * MiB),
      diffFileBudgetMs: integer(env, "DIFF_FILE_BUDGET_MS", 5_000, { max: MAX_TIMER_MS }),
    },
    registry: {
      timeoutMs: integer(env, "REGISTRY_TIMEOUT_MS", 30_000, { max: MAX_TIMER_MS }),
      retries: integer(env, "REGISTRY_RETRIES", 2),
      deadlineMs: integer(env, "REGISTRY_DEADLINE_MS", 20_000, { max: MAX_TIMER_MS }),
      packumentTtlMs: integer(env, "PACKUMENT_TTL_MS", 60_000),
    },
    cache: {
      diskBytes: integer(env, "CACHE_MAX_BYTES", 10 * 1024 * MiB),
      treeMemoryBytes: integer(env, "TREE_MEMORY_BYTES", 1024 * MiB),
      diffMemoryBytes: integer(env, "DIFF_MEMORY_BYTES", 256 * MiB),
      markdownBytes: integer(env, "MARKDOWN_CACHE_BYTES", 32 * MiB),
      textViewBytes: integer(env, "TEXT_VIEW_CACHE_BYTES", 192 * MiB),
      textSliceBytes: integer(env, "TEXT_SLICE_CACHE_BYTES", 96 * MiB),
      renderedDiffBytes: integer(env, "RENDERED_DIFF_CACHE_BYTES", 256 * MiB),
    },
    admission: {
      // 0 would admit nothing ever: the least that works is 1.
      maxActive: Math.max(1, integer(env, "MAX_ACTIVE_DIFFS", availableParallelism())),
      maxQueued: integer(env, "MAX_QUEUED_DIFFS", 16),
      missesPerWindow: integer(env, "RATE_LIMIT_MISSES", 30),
      windowSeconds: Math.max(1, integer(env, "RATE_LIMIT_WINDOW_S", 60)),
    },
    server: loadServerConfig(env),
    shared: loadSharedConfig(env),
    search: loadSearchConfig(env),
    workers: loadWorkerConfig(env),
  };
}

// One configuration per process: Next evaluates this module once per bundle
// (proxy, each route), and scripts/server.mjs imports it unbundled.
const KEY = Symbol.for("pkgdiff.config");

/**
 * The process-wide configuration, loaded on first use (scripts/server.mjs
 * loads it at start, after Next has read its .env files, so that a bad
 * value stops the server before it is ready).
 *
 * @returns {import("./config.d.mts").Config}
 */
export function config() {
  const holder = /** @type {Record<symbol, import("./config.d.mts").Config | undefined>} */ (globalThis);
  holder[KEY] ??= loadConfig();
  return holder[KEY];
}
