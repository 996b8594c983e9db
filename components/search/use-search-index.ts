"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { createEcosystemIndex, type EcosystemHit } from "@/lib/search/ecosystem-index";
import { decodeIndex } from "@/lib/search/index-format";

/** What the search box needs; a new object once typos are matched, so memoized searches re-run. */
export interface Searcher {
  /** Hits of one ecosystem (a `hex:` prefix), or of all when undefined. */
  search(query: string, limit: number, ecosystem?: string): EcosystemHit[];
  has(ecosystem: string, name: string): boolean;
  typos: boolean;
}

/**
 * The search index, fetched once per page life (its URL is content-hashed
 * and immutable) and built in memory, one part per ecosystem. Typos join
 * once their part of the index is built in the background.
 */
export function useSearchIndex(path: string | null): { searcher: Searcher | undefined; failed: boolean } {
  const query = useQuery({
    queryKey: ["search-index", path],
    enabled: path !== null,
    staleTime: Infinity,
    gcTime: Infinity,
    queryFn: async ({ signal }) => {
      const response = await fetch(path ?? "", { signal });
      if (!response.ok) throw new Error(`The search index did not load (${response.status})`);
      return createEcosystemIndex(decodeIndex(await response.text()), { typos: "later" });
    },
  });
  const index = query.data;
  const [typosReady, setTyposReady] = useState(false);
  useEffect(() => {
    if (!index) return;
    let live = true;
    void index.loadTypos().then(() => {
      if (live) setTyposReady(true);
    });
    return () => {
      live = false;
    };
  }, [index]);
  const typos = typosReady || (index?.typosReady ?? false);
  const searcher = useMemo(() => (index ? { search: index.search, has: index.has, typos } : undefined), [index, typos]);
  return { searcher, failed: query.isError };
}
