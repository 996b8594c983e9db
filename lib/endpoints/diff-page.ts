import "server-only";
import { parseDiffOptions, type DiffPageOptions } from "../routes/diff-options";
import { parseDiffSegments } from "../routes/diff-path";
import type { Ecosystem } from "../registry/ecosystem";
import type { PackageInfo } from "../registry/types";
import type { DiffResult } from "../service/diff-service";
import { getService } from "../service/instance";
import { resolveDiff } from "../service/resolve-diff";

export type DiffPageData =
  | { kind: "versions"; pkg: PackageInfo }
  | { kind: "diff"; diff: DiffResult; options: DiffPageOptions }
  | { kind: "redirect"; location: string };

/**
 * Everything `/diff/...` renders. The proxy has resolved and computed this
 * already (so errors got their status); here it comes from the warm cache.
 */
export async function loadDiffPage(ecosystem: Ecosystem, segments: string[], params: URLSearchParams): Promise<DiffPageData> {
  const route = parseDiffSegments(segments, ecosystem);
  const service = getService(ecosystem.id);
  if (route.kind === "versions") return { kind: "versions", pkg: await service.getPackage(route.name) };
  const options = parseDiffOptions(params);
  const search = params.size ? `?${params.toString()}` : "";
  const resolved = await resolveDiff(service, route, { ignoreWhitespace: options.ignoreWhitespace }, search);
  if (resolved.type === "redirect") return { kind: "redirect", location: resolved.location };
  const diff = await service.getDiff(resolved.name, resolved.from, resolved.to, { ignoreWhitespace: options.ignoreWhitespace });
  return { kind: "diff", diff, options };
}
