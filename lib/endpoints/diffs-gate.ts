import "server-only";
import { PkgdiffError } from "../errors";
import { DEFAULT_ECOSYSTEM } from "../registry/ecosystems";
import { encodeEntry } from "../upgrades/diffs-url.mjs";
import { canonicalDiffsQuery, parseDiffsQuery } from "../upgrades/entries";
import { resolveEntries } from "../upgrades/resolve-entries";
import type { Gate } from "./gate";
import { etagFor, getBuildId } from "../http/headers";
import { surrogateKeysOf } from "../http/surrogate-keys.mjs";

/**
 * What the proxy does before `/diffs` renders: parse the entries (a
 * malformed one, none, or more than 50 is a 400), resolve each to exact
 * versions and redirect to the canonical query (sorted, each once). It
 * computes nothing: each entry's diff streams into the page on its own,
 * charged to the client like a single diff. The page is immutable only when
 * every entry's diff was already cached (nothing in it can then fail).
 */
export const diffsGate: Gate = async (ecosystem, pathname, _search, params) => {
  // `/hex/diffs` and `/diffs/…` are no page (one `/diffs` takes every ecosystem's entries).
  if (ecosystem !== DEFAULT_ECOSYSTEM || pathname !== "/diffs") throw new PkgdiffError("not_found", "There is no page at this address.");
  const { entries, options } = parseDiffsQuery(params);
  const resolved = await resolveEntries(entries, { ignoreWhitespace: options.ignoreWhitespace });
  const canonical = canonicalDiffsQuery(
    resolved.map((r) => r.entry),
    params,
  );
  // Every package on the page: a purge of any one of them takes the page with it.
  const keys = surrogateKeysOf(entries.map((e) => ({ ecosystemId: e.ecosystem.id, name: e.name })));
  if (canonical !== asWritten(params)) return { type: "redirect", location: `/diffs${canonical}`, keys };
  if (!resolved.every((r) => r.ok && r.cached)) return { type: "next", cache: "short", keys };
  return { type: "next", cache: "immutable", keys, etag: etagFor(getBuildId(), "diffs", canonical) };
};

/**
 * The query as the canonical form would write it, in its own order: `@`, `/`
 * and `:` may reach us percent-encoded (the view toggle re-encodes the query)
 * and still name the same page. Next's `_rsc` cache-buster on client
 * navigations is not part of it.
 */
function asWritten(params: URLSearchParams): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    if (key !== "_rsc") parts.push(`${encodeURIComponent(key)}=${key === "d" ? encodeEntry(value) : encodeURIComponent(value)}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}
