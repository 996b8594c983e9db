import type { PackageSearch } from "../package-search";
import type { HexClient } from "./client";
import { HEX_NAME_PATTERN } from "./package-name";

/**
 * Hex's side of the search: every package name of the repository's
 * signed `/names` (verified by the client like every registry resource,
 * revalidated with its ETag on each rebuild of the index). Names that are
 * not valid Hex names are dropped, so nothing a repository sends can break
 * the index's one-name-a-line format. A repository has no full-text
 * search, and `/names` is complete, so there is neither `registrySearch`
 * nor `recordServed`.
 *
 * `client()` is undefined while HEX_REPO_URL is unset: then Hex is not
 * searched at all.
 *
 * @example
 * const search = createHexSearch(() => createHexClient(options));
 * await search.indexNames(); // ["decimal", "jason", "telemetry", …]
 */
export function createHexSearch(client: () => HexClient | undefined): PackageSearch {
  return {
    available: () => client() !== undefined,
    async indexNames() {
      const hex = client();
      if (hex === undefined) return [];
      const names = await hex.names();
      return [...new Set(names.packages.map((p) => p.name).filter((name) => HEX_NAME_PATTERN.test(name)))];
    },
  };
}
