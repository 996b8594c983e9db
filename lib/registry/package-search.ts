/*
 * What an ecosystem gives the home page's package search (lib/search): the
 * names for the browser's index and, where its registry has one, the
 * registry's own full-text search. Implemented in lib/registry/<id>/search.ts.
 */

/** One package of a registry search answer, reshaped at the border. */
export interface RegistryMatch {
  name: string;
  version: string;
  description?: string;
}

/**
 * "ok": the registry searched; "unsupported": it has no search endpoint
 * (404, as registries without one answer); "failed": it errored or was
 * slow. Search works from the local index in every case.
 */
export type RegistrySearchStatus = "ok" | "unsupported" | "failed";

export interface RegistrySearchAnswer {
  status: RegistrySearchStatus;
  results: RegistryMatch[];
}

export interface PackageSearch {
  /**
   * False when the server is not configured for this ecosystem: search
   * leaves it out (no names, no prefix), and nothing else changes.
   */
  available(): boolean;
  /**
   * The names for the browser's search index, most relevant first (npm:
   * the popularity list, then the packages this server served; Hex: the
   * repository's signed `/names`). Rejects when the source failed; the
   * index is then built without this ecosystem and tried again soon.
   */
  indexNames(): Promise<readonly string[]>;
  /**
   * The registry's full-text search, never rejecting (trouble is a
   * status); absent when the registry has none (a Hex repository has none:
   * its `/names` is the whole list, in the index).
   */
  registrySearch?(text: string, size: number): Promise<RegistrySearchAnswer>;
  /**
   * This server computed a diff of `name`: an ecosystem whose index
   * names may lack it (npm's list has only popular packages) remembers it.
   */
  recordServed?(name: string): void;
}
