/** The median of `values` (mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** Runs `measure` `runs` times in a row and returns every result, for a median or max. */
export async function repeat<T>(runs: number, measure: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  // Sequential on purpose: runs in parallel would compete for the 2 cores and the disk.
  for (let i = 0; i < runs; i++) results.push(await measure(i));
  return results;
}
