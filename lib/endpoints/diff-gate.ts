import "server-only";
import { parseDiffOptions } from "../routes/diff-options";
import { parseDiffSegments } from "../routes/diff-path";
import { getService } from "../service/instance";
import { upstreamSignal } from "../service/request-context";
import { resolveDiff } from "../service/resolve-diff";
import type { Gate } from "./gate";
import { etagFor, getBuildId } from "../http/headers";
import { surrogateKeys } from "../http/surrogate-keys.mjs";

/**
 * What the proxy does before a `/diff/...` page renders: parse, resolve
 * (redirect when not canonical), then fetch, verify and diff, so failures
 * get their status and the page renders from the warm cache. Registry waits
 * (resolving included) share the request's deadline.
 */
export const diffGate: Gate = async (ecosystem, pathname, search, params, context = {}) => {
  const route = parseDiffSegments(pathname.slice("/diff/".length).split("/"), ecosystem);
  const service = getService(ecosystem.id);
  const keys = surrogateKeys(ecosystem.id, route.name);
  if (route.kind === "versions") {
    await service.getPackage(route.name, upstreamSignal(context)); // 404 before the page renders
    return { type: "next", cache: "short", keys };
  }
  const options = parseDiffOptions(params);
  const diffOptions = { ignoreWhitespace: options.ignoreWhitespace };
  const resolved = await resolveDiff(service, route, diffOptions, search, upstreamSignal(context));
  if (resolved.type === "redirect") return { type: "redirect", location: resolved.location, keys };
  const { name, from, to, cached } = resolved;
  const etag = etagFor(getBuildId(), ecosystem.id, name, from, to, search);
  return {
    type: "next",
    cache: "immutable",
    keys,
    etag,
    prepare: async () => {
      const diff = await service.getDiff(name, from, to, diffOptions, context);
      // The page shows file contents: a diff restored from a cache gets its trees now, so a failure gets its status.
      await diff.trees();
    },
    // Cached diffs are served as always; new ones may show their progress meanwhile.
    ...(cached ? {} : { progress: { title: `${name} ${from}..${to}` } }),
  };
};
