/** The query parameters each page family understands (everything else is noise). */
export const PAGE_QUERY_KEYS = {
  diff: ["view", "w"],
  browse: ["plain", "pretty", "fallback"],
} as const;

/**
 * The query string (with its `?`, or "") that keeps only `keys`, each once,
 * in the order given. A canonical page is immutable and cached whole, so
 * `?x=1`, `?x=2`, … must not each make a new one: they redirect here.
 */
export function canonicalQuery(params: URLSearchParams, keys: readonly string[]): string {
  const kept = new URLSearchParams();
  for (const [key, value] of params) {
    if (keys.includes(key) && !kept.has(key)) kept.append(key, value);
  }
  const query = kept.toString();
  return query ? `?${query}` : "";
}
