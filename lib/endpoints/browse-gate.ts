import "server-only";
import { browsePath, parseBrowseSegments } from "../browse/browse-path";
import { resolveBrowse } from "../browse/resolve-browse";
import { getService } from "../service/instance";
import type { Gate } from "./gate";
import { etagFor, getBuildId } from "../http/headers";
import { surrogateKeys } from "../http/surrogate-keys.mjs";

/**
 * What the proxy does before a `/browse/...` page renders: parse, resolve
 * the version (307 to the exact one; `?fallback` also picks the path, for
 * the version switcher), then fetch and verify the tarball, so failures
 * get their status and the page renders from the warm cache. A canonical
 * page is immutable, a path missing from it included (its 404 page, with
 * the folder listing, is as permanent as the version).
 */
export const browseGate: Gate = async (ecosystem, pathname, search, params, context = {}) => {
  const route = parseBrowseSegments(pathname.slice("/browse/".length).split("/"), ecosystem);
  const service = getService(ecosystem.id);
  const getTree = (name: string, version: string) => service.getTree(name, version, context);
  const pathFor = (name: string, version: string, path: string) => browsePath(name, version, path, ecosystem.urlPrefix);
  const resolved = await resolveBrowse({ source: service, getTree, route, params, pathFor });
  const keys = surrogateKeys(ecosystem.id, route.name);
  if (resolved.type === "redirect") return { type: "redirect", location: resolved.location, keys };
  const { name, version } = resolved;
  return {
    type: "next",
    cache: "immutable",
    keys,
    etag: etagFor(getBuildId(), "browse", service.registry.id, name, version, resolved.path, search),
    prepare: async () => {
      await getTree(name, version);
    },
  };
};
