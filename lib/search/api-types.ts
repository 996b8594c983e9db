import type { RegistryMatch, RegistrySearchStatus } from "../registry/package-search";

export type { RegistryMatch, RegistrySearchStatus } from "../registry/package-search";

/** An ecosystem as the search box shows it: plain data, handed from the server. */
export interface SearchEcosystem {
  /** "npm", "hex": what a `hex:` prefix names. */
  id: string;
  /** For people: "npm", "Hex". */
  label: string;
  /** What its URLs start with: "" for npm, "/hex" for Hex. */
  urlPrefix: string;
  /** Package names to show as examples (`Ecosystem.examples`). */
  examples: string[];
}

/** A registry search result, with the ecosystem that gave it. */
export interface RemoteMatch extends RegistryMatch {
  ecosystem: string;
}

/** JSON body of `GET /api/v1/search?q=<text>[&check=1]`. */
export interface SearchApiAnswer {
  query: string;
  /** The ecosystem the query's prefix (`hex:`) named, when it named one. */
  ecosystem?: string;
  /**
   * The registry's answer for the typed text read as a package name of the
   * prefix's ecosystem (else the default one), when `check=1` was asked:
   * "found" (with `package`), "not_found", "failed" (registry trouble), or
   * "skipped" (not asked, or not a valid name there).
   */
  check: "found" | "not_found" | "failed" | "skipped";
  package?: { ecosystem: string; name: string; latest: string };
  /**
   * The registries' own searches (of the ecosystems in scope that have
   * one); empty unless `registry.status` is "ok".
   */
  registry: { status: RegistrySearchStatus; results: RemoteMatch[] };
}
