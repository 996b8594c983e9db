import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type FixtureRegistry, type FixtureRegistryOptions, startFixtureRegistry } from "../../fixtures/registry";

/**
 * Points the process-wide configuration at a fresh fixture registry and a
 * temporary cache folder, for tests that call route functions the way Next
 * does. Call before the first `getService()` of the test file. `options`
 * go to the fixture registry (e.g. extra `packages`).
 */
export async function startAppEnv(options: FixtureRegistryOptions = {}): Promise<{ registry: FixtureRegistry; cacheDir: string }> {
  const registry = await startFixtureRegistry(options);
  const cacheDir = await mkdtemp(path.join(tmpdir(), "pkgdiff-test-cache-"));
  process.env.REGISTRY_URL = registry.url;
  process.env.CACHE_DIR = cacheDir;
  process.env.REGISTRY_RETRIES = "0";
  process.env.PACKUMENT_TTL_MS = "0"; // every request sees the registry as it is now (faults included)
  return { registry, cacheDir };
}

/**
 * `startAppEnv()` for a whole test file: started before its tests, closed
 * after. Returns the running fixture registry (for faults and counts).
 */
export function withAppEnv(options: FixtureRegistryOptions = {}): () => FixtureRegistry {
  let registry: FixtureRegistry | undefined;
  beforeAll(async () => {
    ({ registry } = await startAppEnv(options));
  });
  afterAll(async () => {
    await registry?.close();
  });
  return () => {
    if (!registry) throw new Error("the app environment has not started");
    return registry;
  };
}

/** A GET request as Next hands it to a route handler. */
export function getRequest(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { headers });
}
