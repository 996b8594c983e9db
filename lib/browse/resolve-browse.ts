import type { Ecosystem } from "../registry/ecosystem";
import type { RegistryAdapter } from "../registry/types";
import type { PackageTree } from "../tarball/types";
import { type BrowseRoute, FALLBACK_PARAM } from "./browse-path";
import { fallbackPath } from "./package-files";

/** A browse or raw route after resolution: canonical (exact version), or where to redirect. */
export type ResolvedBrowse =
  | { type: "canonical"; name: string; version: string; path: string }
  | { type: "redirect"; location: string };

export interface ResolveBrowseInput {
  source: { readonly ecosystem: Ecosystem; readonly registry: RegistryAdapter };
  /** Only needed for `?fallback`: the tree of the resolved version. */
  getTree: (name: string, version: string) => Promise<PackageTree>;
  route: BrowseRoute;
  params: URLSearchParams;
  /** Builds the URL of the same kind (`browsePath` or `rawPath`). */
  pathFor: (name: string, version: string, path: string) => string;
}

/**
 * Resolves a tag or range to an exact version (no version: the ecosystem's latest), as
 * diff pages do, and redirects to the canonical URL with the query kept;
 * with `?fallback`, also resolves the path (see {@link FALLBACK_PARAM}).
 * Only a URL that names an exact version and carries no `fallback` is canonical.
 *
 * @example
 * // /browse/demo-pkg/latest/lib/util.ts → { type: "redirect", location: "/browse/demo-pkg/1.2.0/lib/util.ts" }
 */
export async function resolveBrowse({ source, getTree, route, params, pathFor }: ResolveBrowseInput): Promise<ResolvedBrowse> {
  const pkg = await source.registry.getPackage(route.name);
  const { versions } = source.ecosystem;
  const version = route.version === undefined ? versions.latest(pkg) : versions.resolve(pkg, route.version);
  const rest = new URLSearchParams(params);
  rest.delete(FALLBACK_PARAM);
  if (params.has(FALLBACK_PARAM)) {
    const path = fallbackPath(await getTree(route.name, version), route.path);
    // Options such as `?plain=1` belong to the file; a folder shown instead drops them.
    const search = path === route.path && rest.size ? `?${rest.toString()}` : "";
    return { type: "redirect", location: pathFor(route.name, version, path) + search };
  }
  if (version === route.version) return { type: "canonical", name: route.name, version, path: route.path };
  return { type: "redirect", location: pathFor(route.name, version, route.path) + (rest.size ? `?${rest.toString()}` : "") };
}
