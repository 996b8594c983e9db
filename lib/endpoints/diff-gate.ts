import "server-only";
import { parseDiffOptions } from "../routes/diff-options";
import { parseDiffSegments } from "../routes/diff-path";
import { getService } from "../service/instance";
import { resolveDiff } from "../service/resolve-diff";
import type { Gate } from "./gate";
import { etagFor, getBuildId } from "../http/headers";

/**
 * What the proxy does before a `/diff/...` page renders: parse, resolve
 * (redirect when not canonical), then fetch, verify and diff, so failures
 * get their status and the page renders from the warm cache.
 */
export const diffGate: Gate = async (ecosystem, pathname, search, params, context = {}) => {
  const route = parseDiffSegments(pathname.slice("/diff/".length).split("/"), ecosystem);
  const service = getService(ecosystem.id);
  if (route.kind === "versions") {
    await service.getPackage(route.name); // 404 before the page renders
    return { type: "next", cache: "short" };
  }
  const options = parseDiffOptions(params);
  const resolved = await resolveDiff(service, route, { ignoreWhitespace: options.ignoreWhitespace }, search);
  if (resolved.type === "redirect") return { type: "redirect", location: resolved.location };
  const etag = etagFor(getBuildId(), ecosystem.id, resolved.name, resolved.from, resolved.to, search);
  return {
    type: "next",
    cache: "immutable",
    etag,
    prepare: async () => {
      const diff = await service.getDiff(resolved.name, resolved.from, resolved.to, { ignoreWhitespace: options.ignoreWhitespace }, context);
      // The page shows file contents: a diff restored from a cache gets its trees now, so a failure gets its status.
      await diff.trees();
    },
  };
};
