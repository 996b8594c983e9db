import type { RegistryMatch, RegistrySearchStatus } from "./registry-search";

export type { RegistryMatch, RegistrySearchStatus } from "./registry-search";

/** JSON body of `GET /api/v1/search?q=<text>[&check=1]`. */
export interface SearchApiAnswer {
  query: string;
  /**
   * The registry's answer for the typed text read as a package name, when
   * `check=1` was asked: "found" (with `package`), "not_found", "failed"
   * (registry trouble), or "skipped" (not asked, or not a valid name).
   */
  check: "found" | "not_found" | "failed" | "skipped";
  package?: { name: string; latest: string };
  /** The registry's own search; empty unless `registry.status` is "ok". */
  registry: { status: RegistrySearchStatus; results: RegistryMatch[] };
}
