"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { decodeIndex } from "@/lib/search/index-format";
import { createSearchIndex, type PackageSearchIndex } from "@/lib/search/search-index";

/**
 * The search index, fetched once per page life (its URL is content-hashed
 * and immutable) and built in memory. Typos join once their part of the
 * index is built in the background; `typosReady` re-runs searches then.
 */
export function useSearchIndex(path: string | null): { index: PackageSearchIndex | undefined; failed: boolean; typosReady: boolean } {
  const query = useQuery({
    queryKey: ["search-index", path],
    enabled: path !== null,
    staleTime: Infinity,
    gcTime: Infinity,
    queryFn: async ({ signal }) => {
      const response = await fetch(path ?? "", { signal });
      if (!response.ok) throw new Error(`The search index did not load (${response.status})`);
      return createSearchIndex(decodeIndex(await response.text()), { typos: "later" });
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
  return { index, failed: query.isError, typosReady: typosReady || (index?.typosReady ?? false) };
}
