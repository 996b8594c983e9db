import type { SearchApiAnswer } from "./api-types";
import type { MarkRange } from "./marks";
import { normalizeQuery } from "./names";
import type { SearchHit } from "./search-index";

/** One row of the search box's list. */
export interface SearchOption {
  name: string;
  /** "index": the local index; "check": the registry has exactly this name; "registry": the registry's search. */
  source: "index" | "check" | "registry";
  marks: MarkRange[];
  version?: string;
  description?: string;
}

/**
 * The list the search box shows: a name the registry check found (the
 * exact name, so first), then the local index's hits, then up to
 * `maxRemote` of the registry's own results that are not listed yet.
 *
 * @example
 * mergeOptions([], { query: "rarely-used", check: "found", package: { name: "rarely-used", latest: "0.2.0" },
 *   registry: { status: "ok", results: [] } }, "rarely-used");
 * // [{ name: "rarely-used", source: "check", version: "0.2.0", marks: [[0, 11]] }]
 */
export function mergeOptions(
  local: readonly SearchHit[],
  remote: SearchApiAnswer | undefined,
  rawQuery: string,
  maxRemote = 5,
): SearchOption[] {
  const query = normalizeQuery(rawQuery);
  const seen = new Set(local.map((hit) => hit.name.toLowerCase()));
  const options: SearchOption[] = [];
  const checked = remote?.check === "found" ? remote.package : undefined;
  if (checked && !seen.has(checked.name.toLowerCase())) {
    seen.add(checked.name.toLowerCase());
    options.push({ name: checked.name, source: "check", version: checked.latest, marks: containedMarks(checked.name, query) });
  }
  for (const hit of local) options.push({ name: hit.name, source: "index", marks: hit.marks });
  let added = 0;
  for (const match of remote?.registry.results ?? []) {
    if (added >= maxRemote) break;
    const key = match.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    added += 1;
    options.push({
      name: match.name,
      source: "registry",
      version: match.version,
      ...(match.description ? { description: match.description } : {}),
      marks: containedMarks(match.name, query),
    });
  }
  return options;
}

/** Marks where the query appears in the name, if it does. */
function containedMarks(name: string, query: string): MarkRange[] {
  const at = query === "" ? -1 : name.toLowerCase().indexOf(query);
  return at === -1 ? [] : [[at, at + query.length]];
}
