import type { SearchApiAnswer } from "./api-types";
import type { EcosystemHit } from "./ecosystem-index";
import type { MarkRange } from "./marks";
import { normalizeQuery } from "./names";

/** One row of the search box's list. */
export interface SearchOption {
  /** The ecosystem's id. */
  ecosystem: string;
  name: string;
  /** "index": the local index; "check": the registry has exactly this name; "registry": the registry's search. */
  source: "index" | "check" | "registry";
  marks: MarkRange[];
  version?: string;
  description?: string;
}

/**
 * A row's identity: the same name in two ecosystems is two packages.
 *
 * @example
 * optionKey({ ecosystem: "hex", name: "decimal" }); // "hex:decimal"
 */
export function optionKey(option: { ecosystem: string; name: string }): string {
  return `${option.ecosystem}:${option.name.toLowerCase()}`;
}

/**
 * The list the search box shows: a name the registry check found (the
 * exact name, so first), then the local index's hits, then up to
 * `maxRemote` of the registries' own results that are not listed yet.
 * `query` is the text without its ecosystem prefix.
 *
 * @example
 * mergeOptions([], { query: "rarely-used", check: "found", package: { ecosystem: "npm", name: "rarely-used", latest: "0.2.0" },
 *   registry: { status: "ok", results: [] } }, "rarely-used");
 * // [{ ecosystem: "npm", name: "rarely-used", source: "check", version: "0.2.0", marks: [[0, 11]] }]
 */
export function mergeOptions(
  local: readonly EcosystemHit[],
  remote: SearchApiAnswer | undefined,
  query: string,
  maxRemote = 5,
): SearchOption[] {
  const normalized = normalizeQuery(query);
  const seen = new Set(local.map(optionKey));
  const options: SearchOption[] = [];
  const checked = remote?.check === "found" ? remote.package : undefined;
  if (checked && !seen.has(optionKey(checked))) {
    seen.add(optionKey(checked));
    options.push({ ecosystem: checked.ecosystem, name: checked.name, source: "check", version: checked.latest, marks: containedMarks(checked.name, normalized) });
  }
  for (const hit of local) options.push({ ecosystem: hit.ecosystem, name: hit.name, source: "index", marks: hit.marks });
  let added = 0;
  for (const match of remote?.registry.results ?? []) {
    if (added >= maxRemote) break;
    const key = optionKey(match);
    if (seen.has(key)) continue;
    seen.add(key);
    added += 1;
    options.push({
      ecosystem: match.ecosystem,
      name: match.name,
      source: "registry",
      version: match.version,
      ...(match.description ? { description: match.description } : {}),
      marks: containedMarks(match.name, normalized),
    });
  }
  return options;
}

/** Marks where the query appears in the name, if it does. */
function containedMarks(name: string, query: string): MarkRange[] {
  const at = query === "" ? -1 : name.toLowerCase().indexOf(query);
  return at === -1 ? [] : [[at, at + query.length]];
}
