import path from "node:path";
import { processGlobal } from "../../cache/process-global";
import { config } from "../../config.mjs";
import type { PackageSearch } from "../package-search";
import { loadPopularNames } from "./popular";
import { createRegistrySearch, type RegistrySearch } from "./registry-search";
import { ServedNames } from "./served";

interface State {
  popular?: Promise<string[]>;
  served?: ServedNames;
  registry?: RegistrySearch;
}

function state(): State {
  return processGlobal<State>("pkgdiff.npmSearch", () => ({}));
}

/** The process-wide record of served npm packages, in `<CACHE_DIR>/search/served.txt`. */
export function servedNpmNames(): ServedNames {
  const s = state();
  s.served ??= new ServedNames(path.join(config().cacheDir, "search", "served.txt"));
  return s.served;
}

/**
 * npm's side of the search: the popularity list (SEARCH_INDEX_FILE, else
 * `npm-high-impact`), then the packages this server served that the list
 * lacks (private ones included), and the registry's `/-/v1/search`.
 *
 * @example
 * await npmSearch.indexNames(); // ["lodash", "react-is", "react", …, "rarely-used"]
 */
export const npmSearch: PackageSearch = {
  available: () => true,
  async indexNames() {
    const s = state();
    s.popular ??= loadPopularNames(config().search.indexFile);
    let popular: string[];
    try {
      popular = await s.popular;
    } catch (error) {
      s.popular = undefined; // a missing file may appear; try again next time
      throw error;
    }
    return [...new Set([...popular, ...servedNpmNames().list()])];
  },
  registrySearch(text, size) {
    const s = state();
    s.registry ??= createRegistrySearch({ registryUrl: config().registryUrl, token: config().npmToken });
    return s.registry(text, size);
  },
  recordServed(name) {
    servedNpmNames().record(name);
  },
};
