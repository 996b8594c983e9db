"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { SearchApiAnswer } from "@/lib/search/api-types";

/** Typing pauses this long before the server (and through it the registry) is asked. */
const DEBOUNCE_MS = 250;

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The server's answer for the typed text (`/api/v1/search`): the
 * registry's search results, and, when `check` says the local index lacks
 * the name, whether the registry has a package of exactly that name.
 * Debounced and cached per text by react-query.
 */
export function useRemoteSearch(text: string, check: (text: string) => boolean) {
  const settled = useDebounced(text.trim(), DEBOUNCE_MS);
  const wantCheck = settled !== "" && check(settled);
  const query = useQuery({
    queryKey: ["search-remote", settled, wantCheck],
    enabled: settled !== "",
    staleTime: 60_000,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<SearchApiAnswer> => {
      const params = new URLSearchParams({ q: settled, size: "10" });
      if (wantCheck) params.set("check", "1");
      const response = await fetch(`/api/v1/search?${params}`, { signal });
      if (!response.ok) throw new Error(`Search failed (${response.status})`);
      return (await response.json()) as SearchApiAnswer;
    },
  });
  const current = query.data?.query === settled && settled === text.trim();
  return {
    answer: current ? query.data : undefined,
    /** True while the text typed has no answer yet (debouncing or fetching). */
    pending: text.trim() !== "" && (!current || query.isFetching),
    checking: wantCheck && (!current || query.isFetching),
  };
}
