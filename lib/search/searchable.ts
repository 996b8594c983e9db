import "server-only";
import type { Ecosystem } from "../registry/ecosystem";
import { DEFAULT_ECOSYSTEM, ECOSYSTEMS } from "../registry/ecosystems";
import type { SearchEcosystem } from "./api-types";

/**
 * The ecosystems the search covers: those the server is configured for,
 * the unprefixed one first (its names lead the index and it reads a query
 * without a prefix).
 */
export function searchableEcosystems(): Ecosystem[] {
  return [DEFAULT_ECOSYSTEM, ...ECOSYSTEMS.filter((e) => e !== DEFAULT_ECOSYSTEM)].filter((e) => e.search.available());
}

/** The same, as plain data for the search box. */
export function searchEcosystemsForClient(): SearchEcosystem[] {
  return searchableEcosystems().map(({ id, label, urlPrefix, examples }) => ({ id, label, urlPrefix, examples: [...examples] }));
}
