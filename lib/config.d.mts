// Types of lib/config.mjs (plain JS, so the server runs it without a build step).

/** The environment as read: `process.env` or a test's own record. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Config {
  /** How long a browser waits for a new diff before it gets the progress page instead (PROGRESS_AFTER_MS). */
  progressAfterMs: number;
  registryUrl: string;
  npmToken: string | undefined;
  cacheDir: string;
  /** Origins (besides the registry's) that tarball URLs may point at. */
  allowedTarballOrigins: string[];
  hex: HexConfig;
  /** PUBLIC_URL without a trailing slash: the base of link previews' absolute URLs; undefined: Next's own fallback. */
  publicUrl: string | undefined;
  limits: Limits;
  registry: RegistryTiming;
  cache: CacheSizes & RenderCacheSizes;
  admission: AdmissionLimits;
  server: ServerConfig;
  shared: SharedConfig;
  search: SearchConfig;
  workers: WorkerConfig;
}

/** The Hex repository; `repoUrl` unset means Hex is not configured on this server. */
export interface HexConfig {
  /** HEX_REPO_URL, else Hex's own HEX_MIRROR, with a trailing slash. */
  repoUrl?: string;
  /**
   * HEX_REPO_PUBLIC_KEY: path of the PEM public key that signs the
   * repository's registry resources; default the public Hex repository's,
   * shipped as assets/hex/hexpm-public-key.pem.
   */
  publicKeyFile: string;
  /** HEX_API_KEY: sent as `authorization` to a private repository. */
  apiKey?: string;
  /** HEX_REPO_NAME: the repository name signed payloads must carry; default "hexpm". */
  repository: string;
}

export interface CacheSizes {
  /** Bound on CACHE_DIR (tarballs + computed diffs); least recently used entries go first. */
  diskBytes: number;
  /** In-memory LRU of unpacked trees, in bytes. */
  treeMemoryBytes: number;
  /** In-memory LRU of computed diffs (hunks), in bytes. */
  diffMemoryBytes: number;
}

/** Bounds of the in-process caches of rendered or decoded text (lib/cache/sizes.ts), in bytes. */
export interface RenderCacheSizes {
  /** MARKDOWN_CACHE_BYTES: rendered READMEs and other Markdown of browsed versions. */
  markdownBytes: number;
  /** TEXT_VIEW_CACHE_BYTES: browsed text files decoded (and pretty-printed) and split into lines. */
  textViewBytes: number;
  /** TEXT_SLICE_CACHE_BYTES: highlighted slices of browsed files. */
  textSliceBytes: number;
  /** RENDERED_DIFF_CACHE_BYTES: highlighted slices of diff tables. */
  renderedDiffBytes: number;
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
  /** How long one registry request waits for an answer across attempts and retries; 0: no deadline. */
  deadlineMs: number;
  packumentTtlMs: number;
}

/** scripts/server.mjs's own settings. */
export interface ServerConfig {
  port: number;
  /** The interface to listen on; undefined: every interface. */
  hostname: string | undefined;
  /** One JSON line per request on stdout. */
  logRequests: boolean;
  /** How many proxies in front append to X-Forwarded-For (0: the socket is the client). */
  trustProxy: number;
  shutdownTimeoutMs: number;
  /** Bound on the whole-response cache; 0 turns it off. */
  responseCacheBytes: number;
}

/** Shared mode (issue 14): what replicas share through Redis. */
export interface SharedConfig {
  /** REDIS_URL; undefined: one process, nothing shared. */
  redisUrl: string | undefined;
  /** SHARED_PEER_URL: this replica's base URL as the others reach it; set, tarballs are copied between replicas. */
  peerUrl?: string;
  /** SHARED_DIFF_MAX_BYTES: a computed diff whose compressed form is bigger stays on the replica that computed it. */
  diffMaxBytes: number;
  /** REDIS_TIMEOUT_MS: how long one Redis call may take before the replica goes on alone. */
  commandTimeoutMs: number;
  /** READ_ONLY: serve what is cached, refuse new computations and downloads (503). */
  readOnly: boolean;
}

export interface SearchConfig {
  /**
   * SEARCH_INDEX_FILE: a text file of package names, most popular first,
   * one per line (`#` comments allowed), used instead of the
   * `npm-high-impact` list. Tests point it at fixtures/search-index.txt.
   */
  indexFile: string | undefined;
}

export interface WorkerConfig {
  /** PKGDIFF_WORKERS; undefined: the pool's default (the cores). 0 under `next dev` unless set. */
  size: number | undefined;
  /** PKGDIFF_WORKER_PATH, resolved; undefined: the pool's default bundle. */
  workerPath: string | undefined;
  /** PKGDIFF_WORKER_NICE (0–19, default 10): how much lower the worker threads' scheduling priority is than the main thread's (capped at nice 19; Linux only). */
  nice: number;
}

/** A variable with a value pkgdiff cannot use; `variable` names it. */
export declare class ConfigError extends Error {
  constructor(variable: string, message: string, options?: ErrorOptions);
  readonly variable: string;
}

export declare function loadServerConfig(env?: Env): ServerConfig;
export declare function loadSearchConfig(env?: Env): SearchConfig;
export declare function loadSharedConfig(env?: Env): SharedConfig;
export declare function loadWorkerConfig(env?: Env): WorkerConfig;
/** Every variable, validated; throws a ConfigError naming the first bad one. */
export declare function loadConfig(env?: Env): Config;
/** The process-wide configuration, loaded on first use. */
export declare function config(): Config;

export interface ClusterConfig {
  /** Where Varnish listens. */
  port: number;
  /** Varnish's admin (varnishadm) port. */
  adminPort: number;
  redisPort: number;
  /** One replica per port. */
  replicaPorts: number[];
}

export declare function loadClusterConfig(env?: Env): ClusterConfig;

/** What scripts/purge.mjs reads (VARNISH_URL, CLUSTER_PORT). */
export interface PurgeConfig {
  /** The Varnish to send PURGE to: its origin. */
  varnishUrl: string;
}

export declare function loadPurgeConfig(env?: Env): PurgeConfig;
