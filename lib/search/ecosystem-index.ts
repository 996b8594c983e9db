import type { IndexSection } from "./index-format";
import { createSearchIndex, type MatchTier, type PackageSearchIndex, type SearchHit, type SearchIndexOptions } from "./search-index";

/** A hit of one ecosystem's index. */
export interface EcosystemHit extends SearchHit {
  /** The ecosystem's id. */
  ecosystem: string;
}

/** The search over several ecosystems' names: one `createSearchIndex` each. */
export interface EcosystemSearchIndex {
  /** Ids of the ecosystems it holds, in index order. */
  readonly ecosystems: readonly string[];
  readonly size: number;
  /** Whether `ecosystem`'s names hold exactly this one (case-insensitive). */
  has(ecosystem: string, name: string): boolean;
  /** Hits of `ecosystem` only, or of every ecosystem when undefined. */
  search(query: string, limit?: number, ecosystem?: string): EcosystemHit[];
  readonly typosReady: boolean;
  loadTypos(): Promise<void>;
}

const TIER_ORDER: readonly MatchTier[] = ["exact", "prefix", "scope", "word", "fuzzy"];

/**
 * Searches each ecosystem's index and merges: by how the name matched
 * (exact names of every ecosystem first), then by the ecosystems' order in
 * the index, then by rank. Every ecosystem with a match keeps at least one
 * row, so a Hex package is not pushed out by eight npm ones of the same
 * tier (`hex:` narrows the search to Hex alone).
 *
 * @example
 * const index = createEcosystemIndex([{ ecosystem: "npm", names: ["decimal.js", "deck"] }, { ecosystem: "hex", names: ["decimal"] }]);
 * index.search("decimal").map((h) => `${h.ecosystem}:${h.name}`); // ["hex:decimal", "npm:decimal.js"]
 * index.search("dec", 10, "hex").map((h) => h.name); // ["decimal"]
 */
export function createEcosystemIndex(sections: readonly IndexSection[], options: SearchIndexOptions = {}): EcosystemSearchIndex {
  const indexes = new Map<string, PackageSearchIndex>();
  for (const section of sections) {
    if (!indexes.has(section.ecosystem)) indexes.set(section.ecosystem, createSearchIndex(section.names, options));
  }
  const ids = [...indexes.keys()];
  const order = (hit: EcosystemHit): [number, number, number] => [TIER_ORDER.indexOf(hit.tier), ids.indexOf(hit.ecosystem), hit.rank];
  const compare = (a: EcosystemHit, b: EcosystemHit): number => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };

  return {
    ecosystems: ids,
    size: [...indexes.values()].reduce((sum, index) => sum + index.size, 0),
    has: (ecosystem, name) => indexes.get(ecosystem)?.has(name) ?? false,
    get typosReady() {
      return [...indexes.values()].every((index) => index.typosReady);
    },
    async loadTypos() {
      await Promise.all([...indexes.values()].map((index) => index.loadTypos()));
    },
    search(query, limit = 10, ecosystem) {
      if (limit <= 0) return [];
      const scope = ecosystem === undefined ? ids : ids.filter((id) => id === ecosystem);
      const found = scope.map((id) => (indexes.get(id)?.search(query, limit) ?? []).map((hit) => ({ ...hit, ecosystem: id })));
      return keepEveryEcosystem(found.flat().sort(compare), limit, compare);
    },
  };
}

/** The first `limit` hits, where an ecosystem left out entirely takes the place of the last hit of one with several. */
function keepEveryEcosystem(sorted: EcosystemHit[], limit: number, compare: (a: EcosystemHit, b: EcosystemHit) => number): EcosystemHit[] {
  const picked = sorted.slice(0, limit);
  for (const hit of sorted.slice(limit)) {
    if (picked.some((p) => p.ecosystem === hit.ecosystem)) continue;
    const counts = new Map<string, number>();
    for (const p of picked) counts.set(p.ecosystem, (counts.get(p.ecosystem) ?? 0) + 1);
    const drop = picked.findLastIndex((p) => (counts.get(p.ecosystem) ?? 0) > 1);
    if (drop === -1) break;
    picked.splice(drop, 1, hit);
    picked.sort(compare);
  }
  return picked;
}
