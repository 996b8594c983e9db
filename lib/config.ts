import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";

/**
 * Configuration, read once from the environment and validated. Every
 * variable is documented in the README. The registry URL is never written
 * in the source: it comes from REGISTRY_URL or from the user's npm setup.
 */
export interface Config {
  port: number;
  registryUrl: string;
  npmToken: string | undefined;
  cacheDir: string;
  /** Origins (besides the registry's) that tarball URLs may point at. */
  allowedTarballOrigins: string[];
  limits: Limits;
  registry: RegistryTiming;
  cache: CacheSizes;
  admission: AdmissionLimits;
}

export interface CacheSizes {
  /** Bound on CACHE_DIR (tarballs + computed diffs); least recently used entries go first. */
  diskBytes: number;
  /** In-memory LRU of unpacked trees, in bytes. */
  treeMemoryBytes: number;
  /** In-memory LRU of computed diffs (hunks), in bytes. */
  diffMemoryBytes: number;
}

/** What keeps crawlers and bursts from turning into unbounded work (issue 7). */
export interface AdmissionLimits {
  /** Uncached diffs (or tarball unpacks) computed at once. */
  maxActive: number;
  /** Uncached requests waiting for a slot; beyond it: 503 with Retry-After. */
  maxQueued: number;
  /** Cache misses one client may cause per window; 0 = unlimited. Cached responses never count. */
  missesPerWindow: number;
  windowSeconds: number;
}

export interface Limits {
  maxTarballBytes: number;
  maxUnpackedBytes: number;
  maxEntries: number;
  /** A file bigger than this (either side) is not line-diffed inline. */
  maxDiffFileBytes: number;
  /** Wall-clock budget for one file's line diff, in ms. */
  diffFileBudgetMs: number;
}

export interface RegistryTiming {
  timeoutMs: number;
  retries: number;
  packumentTtlMs: number;
}

const MiB = 1024 * 1024;

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function normaliseRegistryUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`${source} is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${source} must be http(s), got ${url.protocol}`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** The registry that the user's npm is configured with (npm's default when none is set). */
function registryFromNpm(env: NodeJS.ProcessEnv): string {
  if (env.npm_config_registry) return env.npm_config_registry;
  try {
    return execFileSync("npm", ["config", "get", "registry"], {
      encoding: "utf8",
      timeout: 15_000,
      stdio: ["ignore", "pipe", "ignore"],
      env,
    }).trim();
  } catch (error) {
    throw new Error("REGISTRY_URL is not set and `npm config get registry` failed; set REGISTRY_URL", {
      cause: error,
    });
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const registryUrl = env.REGISTRY_URL
    ? normaliseRegistryUrl(env.REGISTRY_URL, "REGISTRY_URL")
    : normaliseRegistryUrl(registryFromNpm(env), "npm's registry setting");
  const allowedTarballOrigins = (env.ALLOWED_TARBALL_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new URL(s).origin);
  return {
    port: intFromEnv(env, "PORT", 3000),
    registryUrl,
    npmToken: env.NPM_TOKEN || undefined,
    cacheDir: path.resolve(/*turbopackIgnore: true*/ env.CACHE_DIR || ".cache"),
    allowedTarballOrigins,
    limits: {
      maxTarballBytes: intFromEnv(env, "MAX_TARBALL_BYTES", 200 * MiB),
      maxUnpackedBytes: intFromEnv(env, "MAX_UNPACKED_BYTES", 1024 * MiB),
      maxEntries: intFromEnv(env, "MAX_ENTRIES", 100_000),
      maxDiffFileBytes: intFromEnv(env, "MAX_DIFF_FILE_BYTES", 16 * MiB),
      diffFileBudgetMs: intFromEnv(env, "DIFF_FILE_BUDGET_MS", 5_000),
    },
    registry: {
      timeoutMs: intFromEnv(env, "REGISTRY_TIMEOUT_MS", 30_000),
      retries: intFromEnv(env, "REGISTRY_RETRIES", 2),
      packumentTtlMs: intFromEnv(env, "PACKUMENT_TTL_MS", 60_000),
    },
    cache: {
      diskBytes: intFromEnv(env, "CACHE_MAX_BYTES", 10 * 1024 * MiB),
      treeMemoryBytes: intFromEnv(env, "TREE_MEMORY_BYTES", 1024 * MiB),
      diffMemoryBytes: intFromEnv(env, "DIFF_MEMORY_BYTES", 256 * MiB),
    },
    admission: {
      maxActive: Math.max(1, intFromEnv(env, "MAX_ACTIVE_DIFFS", availableParallelism())),
      maxQueued: intFromEnv(env, "MAX_QUEUED_DIFFS", 16),
      missesPerWindow: intFromEnv(env, "RATE_LIMIT_MISSES", 30),
      windowSeconds: Math.max(1, intFromEnv(env, "RATE_LIMIT_WINDOW_S", 60)),
    },
  };
}

let cached: Config | undefined;

/** The process-wide configuration, loaded on first use. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
