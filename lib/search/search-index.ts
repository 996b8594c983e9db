import MiniSearch from "minisearch";
import { alignedMarks, editDistance, type MarkRange } from "./marks";
import { bareName, bareOffset, nameWords, normalizeQuery } from "./names";

/** How a name matched, best first. */
export type MatchTier = "exact" | "prefix" | "scope" | "word" | "fuzzy";

export interface SearchHit {
  name: string;
  /** Popularity rank: 0 is the most popular name of the index. */
  rank: number;
  tier: MatchTier;
  /** Ranges of `name` that match what was typed. */
  marks: MarkRange[];
}

export interface PackageSearchIndex {
  readonly size: number;
  /** Whether the index holds exactly this name (case-insensitive). */
  has(name: string): boolean;
  search(query: string, limit?: number): SearchHit[];
  /** True once typos are matched too (see `loadTypos`). */
  readonly typosReady: boolean;
  /**
   * Builds the typo index in small chunks that yield to the page (a few
   * hundred ms of work over ~17k names); until it is done, `search`
   * matches without typos.
   */
  loadTypos(): Promise<void>;
}

export interface SearchIndexOptions {
  /** "now" (default) builds the typo index at once; "later" waits for `loadTypos()`. */
  typos?: "now" | "later";
}

/**
 * Typos allowed for a query of this length: none while it is short (every
 * three letters are one edit from hundreds of names), two once it is long.
 * Two edits cost about five times one in the typo index, so they wait for
 * nine letters.
 */
export function typosAllowed(query: string): number {
  if (query.length < 4) return 0;
  return query.length < 9 ? 1 : 2;
}

const SEPARATORS = /[-._/]/g;

/**
 * The terms a name is found by with typos: the whole name and the part
 * after the scope (`@types/react-dom` → itself and `react-dom`). Words are
 * left out: they would triple the index's build time for little gain.
 */
function typoTerms(lower: string): string[] {
  return lower.startsWith("@") ? [lower, bareName(lower)] : [lower];
}

type TypoIndex = MiniSearch<{ id: number; name: string }>;

/**
 * The in-memory search over package names, given most popular first (the
 * position is the popularity rank). Order: the exact name; then names
 * that start with the query; then names whose part after the scope does
 * (`core` → `@babel/core`); then names with a word that does (`dom` →
 * `react-dom`); then typos (MiniSearch's fuzzy match: `lodsh` → `lodash`).
 * Each tier by popularity, except that a family's root is lifted to just
 * before its most popular member: `reac` offers `react` before `react-is`,
 * though `react-is` is downloaded more (everything React depends on it).
 *
 * The first four tiers are one pass over the names in popularity order that
 * stops as soon as the prefix tier is full, which is cheaper than scoring
 * thousands of prefix matches of a one-letter query.
 *
 * @example
 * const index = createSearchIndex(["lodash", "react-is", "react", "@babel/core"]);
 * index.search("reac")[0]?.name; // "react"
 * index.search("lodsh")[0]?.name; // "lodash"
 * index.search("@babel/cor")[0]?.name; // "@babel/core"
 */
export function createSearchIndex(names: readonly string[], options: SearchIndexOptions = {}): PackageSearchIndex {
  const unique = [...new Set(names)];
  const lower = unique.map((n) => n.toLowerCase());
  const idByLower = new Map<string, number>();
  lower.forEach((l, id) => {
    if (!idByLower.has(l)) idByLower.set(l, id);
  });
  const bareStart = lower.map(bareOffset);
  const wordStarts = lower.map((l) => nameWords(l).map((w) => w.start));

  const typoIndex: TypoIndex = new MiniSearch({
    fields: ["name"],
    idField: "id",
    tokenize: typoTerms,
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term, prefix: false },
  });
  const docs = lower.map((name, id) => ({ id, name }));
  let typosReady = false;
  let loading: Promise<void> | undefined;
  if (options.typos !== "later") {
    typoIndex.addAll(docs);
    typosReady = true;
  }

  function rootOf(id: number, query: string): number | undefined {
    const name = lower[id] ?? "";
    for (const match of name.matchAll(SEPARATORS)) {
      if (match.index < query.length) continue;
      const root = idByLower.get(name.slice(0, match.index));
      if (root !== undefined) return root;
    }
    return undefined;
  }

  return {
    size: unique.length,
    get typosReady() {
      return typosReady;
    },
    loadTypos() {
      loading ??= typoIndex.addAllAsync(docs, { chunkSize: 1000 }).then(() => {
        typosReady = true;
      });
      return loading;
    },
    has: (name) => idByLower.has(name.toLowerCase()),
    search(rawQuery, limit = 10) {
      const query = normalizeQuery(rawQuery);
      if (query === "" || limit <= 0) return [];
      const taken = new Set<number>();
      const hits: SearchHit[] = [];
      const push = (id: number, tier: MatchTier, marks: MarkRange[]): void => {
        if (taken.has(id) || hits.length >= limit) return;
        taken.add(id);
        hits.push({ name: unique[id] ?? "", rank: id, tier, marks });
      };

      const exact = idByLower.get(query);
      if (exact !== undefined) push(exact, "exact", [[0, query.length]]);

      const scoped: number[] = [];
      const worded: { id: number; start: number }[] = [];
      for (let id = 0; id < lower.length && hits.length < limit; id++) {
        const name = lower[id] ?? "";
        if (id === exact) continue;
        if (name.startsWith(query)) {
          const root = rootOf(id, query);
          if (root !== undefined && root !== exact) push(root, "prefix", [[0, query.length]]);
          push(id, "prefix", [[0, query.length]]);
          continue;
        }
        const bare = bareStart[id] ?? 0;
        if (bare > 0 && name.length - bare === query.length && name.endsWith(query)) {
          // The whole part after the scope: as good as a prefix (`core` → `@babel/core`).
          push(id, "prefix", [[bare, name.length]]);
          continue;
        }
        if (bare > 0 && name.startsWith(query, bare)) {
          scoped.push(id);
          continue;
        }
        // A plain loop: this runs for every name on every keystroke, and closures here cost GC pauses.
        const starts = wordStarts[id] ?? [];
        for (let w = 0; w < starts.length; w++) {
          const start = starts[w] ?? 0;
          if (start > 0 && name.startsWith(query, start)) {
            worded.push({ id, start });
            break;
          }
        }
      }
      for (const id of scoped) push(id, "scope", [[bareStart[id] ?? 0, (bareStart[id] ?? 0) + query.length]]);
      for (const { id, start } of worded) push(id, "word", [[start, start + query.length]]);

      const typos = typosAllowed(query);
      // An exact name means the text is no typo: guesses would only add noise.
      if (hits.length < limit && typos > 0 && typosReady && exact === undefined) {
        const found = typoIndex
          .search(query, { fuzzy: typos, maxFuzzy: typos })
          .filter((r) => !taken.has(r.id as number))
          .map((r) => ({ id: r.id as number, ...closestTerm(lower[r.id as number] ?? "", query, r.terms) }));
        found.sort((a, b) => a.distance - b.distance || a.kind - b.kind || a.id - b.id);
        for (const f of found) push(f.id, "fuzzy", alignedMarks(query, f.term, f.offset));
      }
      return hits;
    },
  };
}

/** The matched term nearest to the query; the whole name beats its bare part beats a word. */
function closestTerm(name: string, query: string, terms: readonly string[]) {
  let best = { term: name, offset: 0, kind: 3, distance: Infinity };
  for (const term of terms) {
    const distance = editDistance(query, term);
    const place = termPlace(name, term);
    if (!place) continue;
    if (distance < best.distance || (distance === best.distance && place.kind < best.kind)) {
      best = { term, distance, ...place };
    }
  }
  return best;
}

function termPlace(name: string, term: string): { offset: number; kind: number } | undefined {
  if (term === name) return { offset: 0, kind: 0 };
  const bare = bareOffset(name);
  if (bare > 0 && name.slice(bare) === term) return { offset: bare, kind: 1 };
  const word = nameWords(name).find((w) => w.word === term);
  return word && { offset: word.start, kind: 2 };
}
