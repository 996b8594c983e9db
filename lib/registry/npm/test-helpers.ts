import { type PkgdiffError, isPkgdiffError } from "../../errors";
import type { FixtureRegistry } from "../../../fixtures/registry";
import type { RegistryAdapter } from "../types";
import { type NpmRegistryOptions, createNpmRegistry } from "./adapter";

/** An adapter on a fixture registry with test-friendly timings (short backoff, short timeout). */
export function adapterFor(registry: FixtureRegistry, overrides: Partial<NpmRegistryOptions> = {}): RegistryAdapter {
  return createNpmRegistry({
    registryUrl: registry.url,
    timeoutMs: 2_000,
    retries: 2,
    packumentTtlMs: 60_000,
    allowedTarballOrigins: [],
    maxTarballBytes: 10 * 1024 * 1024,
    retryBaseMs: 5,
    ...overrides,
  });
}

/** The PkgdiffError a promise rejects with; fails the test on anything else. */
export async function rejection(promise: Promise<unknown>): Promise<PkgdiffError> {
  try {
    await promise;
  } catch (error) {
    if (isPkgdiffError(error)) return error;
    throw error;
  }
  throw new Error("expected a PkgdiffError, the promise resolved");
}

/** Requests the registry received since `mark` (an index into `requests`). */
export function requestsSince(registry: FixtureRegistry, mark: number): string[] {
  return registry.requests.slice(mark);
}
