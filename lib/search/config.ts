import path from "node:path";

/**
 * The search's configuration, read once from the environment (the rest of
 * pkgdiff's is in lib/config.ts; documented in the README beside it).
 */
export interface SearchConfig {
  /**
   * SEARCH_INDEX_FILE: a text file of package names, most popular first,
   * one per line (`#` comments allowed), used instead of the
   * `npm-high-impact` list. Tests point it at fixtures/search-index.txt.
   */
  indexFile: string | undefined;
}

export function loadSearchConfig(env: NodeJS.ProcessEnv = process.env): SearchConfig {
  const file = env.SEARCH_INDEX_FILE?.trim();
  return { indexFile: file ? path.resolve(/*turbopackIgnore: true*/ file) : undefined };
}

let cached: SearchConfig | undefined;

export function searchConfig(): SearchConfig {
  cached ??= loadSearchConfig();
  return cached;
}
