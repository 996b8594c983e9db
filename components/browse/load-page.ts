import { cache } from "react";
import { loadBrowsePage } from "@/lib/browse/browse-page";
import { ecosystemById } from "@/lib/registry/ecosystems";

/** The layout and the page of one request share one load (React's per-request cache keys on the strings). */
const loadByKey = cache((ecosystemId: string, key: string) => loadBrowsePage(ecosystemById(ecosystemId), key.split("/")));

/** One browse page's data, for the ecosystem (by id) and the route's segments. */
export function loadPage(ecosystemId: string, slug: readonly string[]) {
  return loadByKey(ecosystemId, slug.join("/"));
}
