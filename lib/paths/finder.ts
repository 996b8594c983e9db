/**
 * Matching paths against what a person typed: the browse page's file finder
 * (`t`) ranks with it, the diff's file-tree filter keeps what it matches.
 *
 * How well a path matches, best first:
 * the whole path or file name, a prefix of the path, a match that starts a
 * path segment (right after a `/`), any substring, then the typed letters
 * in order with gaps (a subsequence, as GitHub's `t` finder allows).
 */
export enum MatchTier {
  Exact = 0,
  Prefix = 1,
  AfterSlash = 2,
  Substring = 3,
  Subsequence = 4,
}

export interface FinderMatch {
  path: string;
  tier: MatchTier;
  /** Indexes of the matched characters in `path`, for highlighting. */
  positions: number[];
}

/**
 * Ranks `paths` against `query` (case-insensitive, spaces ignored) and
 * returns the best `limit` matches. Within a tier, a match whose letters sit
 * closer together wins, then a shorter path, then the alphabetical one.
 * An empty query lists the first `limit` paths as they are.
 *
 * @example
 * rankPaths("util", ["lib/util.ts", "util.js", "src/futility.js"]).map((m) => m.path)
 * // → ["util.js", "lib/util.ts", "src/futility.js"]  (prefix, after "/", substring)
 */
export function rankPaths(query: string, paths: readonly string[], limit = 50): FinderMatch[] {
  const q = normalise(query);
  if (q === "") return paths.slice(0, limit).map((path) => ({ path, tier: MatchTier.Subsequence, positions: [] }));
  const scored: { match: FinderMatch; spread: number }[] = [];
  for (const path of paths) {
    const result = matchPath(q, path);
    if (result) scored.push(result);
  }
  scored.sort(
    (a, b) =>
      a.match.tier - b.match.tier ||
      a.spread - b.spread ||
      a.match.path.length - b.match.path.length ||
      (a.match.path < b.match.path ? -1 : a.match.path > b.match.path ? 1 : 0),
  );
  return scored.slice(0, limit).map((s) => s.match);
}

/** Normalises what was typed as every matcher here expects it: lower case, no spaces. */
function normalise(query: string): string {
  return query.replace(/\s+/g, "").toLowerCase();
}

/**
 * True when the typed letters all appear in `path` in order (case-insensitive,
 * spaces ignored): the weakest tier of {@link rankPaths} still counts.
 *
 * @example
 * matchesPath("utl", "lib/util.ts") // → true
 * matchesPath("tu", "lib/util.ts") // → false
 */
export function matchesPath(query: string, path: string): boolean {
  const q = normalise(query);
  return q === "" || matchPath(q, path) !== undefined;
}

/** The tier and positions of one path, or undefined when the letters don't all appear in order. */
export function matchPath(q: string, path: string): { match: FinderMatch; spread: number } | undefined {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf("/") + 1);
  const range = (start: number) => Array.from({ length: q.length }, (_, i) => start + i);
  const found = (tier: MatchTier, start: number) => ({ match: { path, tier, positions: range(start) }, spread: 0 });

  if (lower === q) return found(MatchTier.Exact, 0);
  if (base === q) return found(MatchTier.Exact, lower.length - base.length);
  if (lower.startsWith(q)) return found(MatchTier.Prefix, 0);
  const afterSlash = lower.indexOf(`/${q}`);
  if (afterSlash !== -1) return found(MatchTier.AfterSlash, afterSlash + 1);
  const substring = lower.indexOf(q);
  if (substring !== -1) return found(MatchTier.Substring, substring);

  const positions = subsequence(q, lower);
  if (!positions) return undefined;
  const spread = (positions.at(-1) ?? 0) - (positions[0] ?? 0) - q.length + 1;
  return { match: { path, tier: MatchTier.Subsequence, positions }, spread };
}

/**
 * Positions of `q`'s letters in `text`, in order, packed as tightly as a
 * greedy pass can: match left to right, then walk back from the end of the
 * match to pull earlier letters as late as they can go.
 */
function subsequence(q: string, text: string): number[] | undefined {
  const positions: number[] = [];
  let at = 0;
  for (const ch of q) {
    const found = text.indexOf(ch, at);
    if (found === -1) return undefined;
    positions.push(found);
    at = found + 1;
  }
  for (let i = q.length - 2; i >= 0; i--) {
    const next = positions[i + 1] ?? 0;
    const tighter = text.lastIndexOf(q[i] ?? "", next - 1);
    if (tighter > (positions[i] ?? 0)) positions[i] = tighter;
  }
  return positions;
}
