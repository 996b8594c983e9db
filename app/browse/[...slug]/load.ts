import { cache } from "react";
import { loadBrowsePage } from "@/lib/browse/browse-page";

/** The layout and the page of one request share one load (React's per-request cache keys on the string). */
const loadByKey = cache((key: string) => loadBrowsePage(key.split("/")));

export function loadPage(slug: readonly string[]) {
  return loadByKey(slug.join("/"));
}
