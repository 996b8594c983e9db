import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { config, ConfigError, loadConfig, loadServerConfig, loadSharedConfig, loadWorkerConfig } from "./config.mjs";

/** A registry URL of our own, so that no test asks npm for one. */
const BASE = { REGISTRY_URL: "http://127.0.0.1:4873" };

/** The ConfigError that loading `env` throws. */
function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...BASE, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("has the README's defaults", () => {
    const c = loadConfig(BASE);
    expect(c.registryUrl).toBe("http://127.0.0.1:4873/");
    expect(c.cacheDir).toBe(path.resolve(".cache"));
    expect(c.limits).toEqual({ maxTarballBytes: 200 * 2 ** 20, maxUnpackedBytes: 2 ** 30, maxEntries: 100_000, maxDiffFileBytes: 16 * 2 ** 20, diffFileBudgetMs: 5_000 });
    expect(c.registry).toEqual({ timeoutMs: 30_000, retries: 2, deadlineMs: 20_000, packumentTtlMs: 60_000 });
    expect(c.cache).toEqual({
      diskBytes: 10 * 2 ** 30,
      treeMemoryBytes: 2 ** 30,
      diffMemoryBytes: 256 * 2 ** 20,
      markdownBytes: 32 * 2 ** 20,
      textViewBytes: 192 * 2 ** 20,
      textSliceBytes: 96 * 2 ** 20,
      renderedDiffBytes: 256 * 2 ** 20,
    });
    expect(c.admission).toMatchObject({ maxQueued: 16, missesPerWindow: 30, windowSeconds: 60 });
    expect(c.admission.maxActive).toBeGreaterThanOrEqual(1);
    expect(c.server).toEqual({ port: 3000, hostname: undefined, logRequests: true, trustProxy: 0, shutdownTimeoutMs: 10_000, responseCacheBytes: 256 * 2 ** 20 });
    expect(c.search).toEqual({ indexFile: undefined });
    expect(c.workers).toEqual({ size: undefined, workerPath: undefined, nice: 10 });
    expect(c.allowedTarballOrigins).toEqual([]);
    expect(c.npmToken).toBeUndefined();
  });

  it("reads every variable it is given", () => {
    const c = loadConfig({
      REGISTRY_URL: "https://127.0.0.1:8443/base",
      NPM_TOKEN: "t0ken",
      CACHE_DIR: "/tmp/pkgdiff-cache",
      ALLOWED_TARBALL_ORIGINS: " http://127.0.0.1:9000/path , https://[::1]:9443 ",
      MAX_ENTRIES: " 42 ",
      MAX_ACTIVE_DIFFS: "0", // the least that works is 1
      RATE_LIMIT_WINDOW_S: "0",
      SEARCH_INDEX_FILE: "fixtures/search-index.txt",
      PKGDIFF_WORKERS: "3",
      PKGDIFF_WORKER_PATH: "/x/w.mjs",
      PKGDIFF_WORKER_NICE: "19",
      PORT: "0",
      HOSTNAME: "127.0.0.1",
      LOG_REQUESTS: "off",
      TRUST_PROXY: "2",
      SHUTDOWN_TIMEOUT_MS: "0",
      RESPONSE_CACHE_BYTES: "0",
    });
    expect(c.registryUrl).toBe("https://127.0.0.1:8443/base/");
    expect(c.npmToken).toBe("t0ken");
    expect(c.cacheDir).toBe("/tmp/pkgdiff-cache");
    expect(c.allowedTarballOrigins).toEqual(["http://127.0.0.1:9000", "https://[::1]:9443"]);
    expect(c.limits.maxEntries).toBe(42);
    expect(c.admission).toMatchObject({ maxActive: 1, windowSeconds: 1 });
    expect(c.search.indexFile).toBe(path.resolve("fixtures/search-index.txt"));
    expect(c.workers).toEqual({ size: 3, workerPath: "/x/w.mjs", nice: 19 });
    expect(c.server).toEqual({ port: 0, hostname: "127.0.0.1", logRequests: false, trustProxy: 2, shutdownTimeoutMs: 0, responseCacheBytes: 0 });
  });

  it("reads the render caches' sizes, 0 turning one off", () => {
    const c = loadConfig({ ...BASE, MARKDOWN_CACHE_BYTES: "0", TEXT_VIEW_CACHE_BYTES: "1048576", TEXT_SLICE_CACHE_BYTES: " 2048 ", RENDERED_DIFF_CACHE_BYTES: "" });
    expect(c.cache).toMatchObject({ markdownBytes: 0, textViewBytes: 2 ** 20, textSliceBytes: 2048, renderedDiffBytes: 256 * 2 ** 20 });
  });

  it("takes the registry from npm's setting when REGISTRY_URL is unset", () => {
    expect(loadConfig({ npm_config_registry: "http://127.0.0.1:4874" }).registryUrl).toBe("http://127.0.0.1:4874/");
  });

  it.each([
    ["MAX_TARBALL_BYTES", "abc"],
    ["MAX_UNPACKED_BYTES", "-1"],
    ["MAX_ENTRIES", "1.5"],
    ["MAX_DIFF_FILE_BYTES", "1e6"],
    ["DIFF_FILE_BUDGET_MS", "0x10"],
    ["REGISTRY_TIMEOUT_MS", "3000000000"], // past what a Node timer can wait
    ["REGISTRY_RETRIES", "two"],
    ["REGISTRY_DEADLINE_MS", "20s"],
    ["PACKUMENT_TTL_MS", "9007199254740993"],
    ["CACHE_MAX_BYTES", "10G"],
    ["TREE_MEMORY_BYTES", "1 000"],
    ["DIFF_MEMORY_BYTES", "-0"],
    ["MARKDOWN_CACHE_BYTES", "32MiB"],
    ["TEXT_VIEW_CACHE_BYTES", "-1"],
    ["TEXT_SLICE_CACHE_BYTES", "1.5"],
    ["RENDERED_DIFF_CACHE_BYTES", "lots"],
    ["MAX_ACTIVE_DIFFS", "many"],
    ["MAX_QUEUED_DIFFS", "+3"],
    ["RATE_LIMIT_MISSES", "Infinity"],
    ["RATE_LIMIT_WINDOW_S", "60s"],
    ["PORT", "65536"],
    ["PORT", "http"],
    ["LOG_REQUESTS", "maybe"],
    ["TRUST_PROXY", "17"],
    ["TRUST_PROXY", "yes"],
    ["SHUTDOWN_TIMEOUT_MS", "2147483648"],
    ["RESPONSE_CACHE_BYTES", "256MiB"],
    ["PKGDIFF_WORKERS", "two"],
    ["PKGDIFF_WORKER_NICE", "20"],
    ["PKGDIFF_WORKER_NICE", "-5"],
    ["REGISTRY_URL", "not a url"],
    ["REGISTRY_URL", "ftp://127.0.0.1/"],
    ["ALLOWED_TARBALL_ORIGINS", "http://127.0.0.1:9000,nope"],
    ["ALLOWED_TARBALL_ORIGINS", "file:///etc"],
    ["ALLOWED_TARBALL_ORIGINS", "ftp://127.0.0.1"],
  ])("refuses %s=%j with an error naming it", (variable, value) => {
    const error = failure({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toMatch(/must|is not/);
  });

  it("says what a number must be", () => {
    expect(failure({ PORT: "70000" }).message).toBe('PORT must be an integer from 0 to 65535, got "70000"');
    expect(failure({ MAX_ENTRIES: "-5" }).message).toBe('MAX_ENTRIES must be an integer of at least 0, got "-5"');
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ ...BASE, PORT: "", MAX_ENTRIES: " ", LOG_REQUESTS: "", SEARCH_INDEX_FILE: "" })).toMatchObject({
      server: { port: 3000, logRequests: true },
      limits: { maxEntries: 100_000 },
      search: { indexFile: undefined },
    });
  });
});

describe("the Hex section", () => {
  const shippedKey = path.resolve("assets/hex/hexpm-public-key.pem");

  it("leaves Hex unconfigured without HEX_REPO_URL or HEX_MIRROR, with the shipped key as the default", () => {
    expect(loadConfig(BASE).hex).toEqual({ repository: "hexpm", apiKey: undefined, publicKeyFile: shippedKey });
    expect(loadConfig({ ...BASE, HEX_REPO_URL: " ", HEX_MIRROR: "" }).hex.repoUrl).toBeUndefined();
  });

  it("reads the repository, its key file, an API key and a repository name", () => {
    const hex = loadConfig({ ...BASE, HEX_REPO_URL: "http://127.0.0.1:4000/repo", HEX_REPO_PUBLIC_KEY: "keys/hex.pem", HEX_API_KEY: " k3y ", HEX_REPO_NAME: "acme" }).hex;
    expect(hex).toEqual({ repoUrl: "http://127.0.0.1:4000/repo/", publicKeyFile: path.resolve("keys/hex.pem"), apiKey: "k3y", repository: "acme" });
  });

  it("takes the repository from Hex's own HEX_MIRROR when HEX_REPO_URL is unset, and HEX_REPO_URL over it", () => {
    expect(loadConfig({ ...BASE, HEX_MIRROR: "http://127.0.0.1:4001/mirror" }).hex).toEqual({
      repoUrl: "http://127.0.0.1:4001/mirror/",
      publicKeyFile: shippedKey,
      apiKey: undefined,
      repository: "hexpm",
    });
    expect(loadConfig({ ...BASE, HEX_REPO_URL: "http://127.0.0.1:4000/", HEX_MIRROR: "http://127.0.0.1:4001/" }).hex.repoUrl).toBe("http://127.0.0.1:4000/");
  });

  it("defaults the key to the public repository's, shipped in the repo as a PEM public key", () => {
    const hex = loadConfig({ ...BASE, HEX_REPO_URL: "http://127.0.0.1:4000" }).hex;
    expect(hex.publicKeyFile).toBe(shippedKey);
    const key = createPublicKey(readFileSync(hex.publicKeyFile, "utf8"));
    expect(key.asymmetricKeyType).toBe("rsa");
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it.each([
    [{ HEX_REPO_URL: "ftp://127.0.0.1/" }, "HEX_REPO_URL"],
    [{ HEX_REPO_URL: "not a url", HEX_REPO_PUBLIC_KEY: "k.pem" }, "HEX_REPO_URL"],
    [{ HEX_MIRROR: "not a url" }, "HEX_MIRROR"],
    [{ HEX_REPO_NAME: "Not/A/Name" }, "HEX_REPO_NAME"],
  ])("refuses %j, naming %s", (env, variable) => {
    expect(failure(env).variable).toBe(variable);
  });
});

describe("PUBLIC_URL", () => {
  it("is unset by default and loses a trailing slash when set", () => {
    expect(loadConfig(BASE).publicUrl).toBeUndefined();
    expect(loadConfig({ ...BASE, PUBLIC_URL: " https://diff.example.org/ " }).publicUrl).toBe("https://diff.example.org");
    expect(loadConfig({ ...BASE, PUBLIC_URL: "http://127.0.0.1:8080/pkgdiff/" }).publicUrl).toBe("http://127.0.0.1:8080/pkgdiff");
  });

  it.each(["ftp://example.org", "example.org", "https://example.org/?a=1", "https://example.org/#x"])("refuses %s", (value) => {
    expect(failure({ PUBLIC_URL: value }).variable).toBe("PUBLIC_URL");
  });
});

describe("shared mode (REDIS_URL, SHARED_DIFF_MAX_BYTES, READ_ONLY)", () => {
  it("is off by default, and reads its variables", () => {
    expect(loadConfig(BASE).shared).toEqual({ redisUrl: undefined, diffMaxBytes: 8 * 2 ** 20, commandTimeoutMs: 500, readOnly: false });
    expect(
      loadSharedConfig({ REDIS_URL: " redis://127.0.0.1:6390/2 ", SHARED_DIFF_MAX_BYTES: "1000", REDIS_TIMEOUT_MS: "2000", READ_ONLY: "1" }),
    ).toEqual({
      redisUrl: "redis://127.0.0.1:6390/2",
      diffMaxBytes: 1000,
      commandTimeoutMs: 2000,
      readOnly: true,
    });
  });

  it("takes this replica's own URL for the others to copy tarballs from (SHARED_PEER_URL), as an origin", () => {
    expect(loadSharedConfig({ SHARED_PEER_URL: " http://10.0.0.11:3000/ " }).peerUrl).toBe("http://10.0.0.11:3000");
    expect(loadSharedConfig({}).peerUrl).toBeUndefined();
  });

  it.each([
    ["SHARED_PEER_URL", "10.0.0.11:3000"],
    ["SHARED_PEER_URL", "http://10.0.0.11:3000/?x=1"],
    ["REDIS_TIMEOUT_MS", "0"],
    ["REDIS_URL", "http://127.0.0.1:6379"],
    ["REDIS_URL", "127.0.0.1:6379"],
    ["SHARED_DIFF_MAX_BYTES", "8MiB"],
    ["READ_ONLY", "maybe"],
  ])("refuses %s=%s", (variable, value) => {
    expect(failure({ [variable]: value }).variable).toBe(variable);
  });
});

describe("the server's and the pool's sections", () => {
  it("TRUST_PROXY=true means one proxy", () => {
    expect(loadServerConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(1);
  });

  it("LOG_REQUESTS takes the usual words for on and off", () => {
    for (const on of ["1", "true", "YES", "on"]) expect(loadServerConfig({ LOG_REQUESTS: on }).logRequests).toBe(true);
    for (const off of ["0", "false", "No", "off"]) expect(loadServerConfig({ LOG_REQUESTS: off }).logRequests).toBe(false);
  });

  it("runs the engine inline under `next dev` unless PKGDIFF_WORKERS says otherwise", () => {
    expect(loadWorkerConfig({ NODE_ENV: "development" }).size).toBe(0);
    expect(loadWorkerConfig({ NODE_ENV: "development", PKGDIFF_WORKERS: "2" }).size).toBe(2);
    expect(loadWorkerConfig({ NODE_ENV: "production" }).size).toBeUndefined();
  });
});

describe("config()", () => {
  const KEY = Symbol.for("pkgdiff.config");
  const saved = process.env.REGISTRY_URL;
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[KEY];
    if (saved === undefined) delete process.env.REGISTRY_URL;
    else process.env.REGISTRY_URL = saved;
  });

  it("is loaded once per process, in one place every bundle finds", () => {
    process.env.REGISTRY_URL = BASE.REGISTRY_URL;
    const first = config();
    process.env.REGISTRY_URL = "http://127.0.0.1:1/";
    expect(config()).toBe(first);
    expect((globalThis as Record<symbol, unknown>)[KEY]).toBe(first);
  });
});
