import { PkgdiffError } from "../errors";
import { previousVersion, resolveVersion } from "../registry/resolve";
import type { RegistryAdapter } from "../registry/types";
import type { DiffOptions } from "./diff-service";
import { type DiffFormat, type DiffRoute, diffPath } from "../routes/diff-path";

/** A diff route after resolution: either exact and canonical, or a redirect to the canonical URL. */
export type ResolvedDiff =
  | { type: "canonical"; name: string; from: string; to: string; format: DiffFormat }
  | { type: "redirect"; location: string };

/**
 * Resolves tags, ranges, an empty `to` and a single version to exact
 * versions. A URL that already names exact versions is canonical; any other
 * redirects there, so everything after this point is keyed by immutable
 * inputs. `search` (with its `?`) is kept on redirects: it is part of the permalink.
 */
export async function resolveDiffRoute(
  registry: RegistryAdapter,
  route: Exclude<DiffRoute, { kind: "versions" }>,
  search = "",
  signal?: AbortSignal,
): Promise<ResolvedDiff> {
  const pkg = await registry.getPackage(route.name, signal);
  if (route.kind === "single") {
    const version = resolveVersion(pkg, route.version);
    const previous = previousVersion(pkg, version);
    if (!previous) {
      throw new PkgdiffError(
        "version_not_found",
        `${route.name}@${version} is the first published version; there is no earlier version to compare it with.`,
        { packageName: route.name, version, nearest: pkg.sortedVersions.slice(0, 5) },
      );
    }
    return { type: "redirect", location: diffPath(route.name, previous, version, route.format) + search };
  }
  const from = resolveVersion(pkg, route.from);
  const to = resolveVersion(pkg, route.to ?? "latest");
  if (from === route.from && to === route.to) {
    return { type: "canonical", name: route.name, from, to, format: route.format };
  }
  return { type: "redirect", location: diffPath(route.name, from, to, route.format) + search };
}

/** What `resolveDiff` needs of the service (kept narrow so this module stays free of `server-only`). */
interface DiffResolver {
  readonly registry: RegistryAdapter;
  hasDiff(name: string, from: string, to: string, options: DiffOptions): Promise<boolean>;
}

/**
 * `resolveDiffRoute`, except that a route naming two exact versions whose
 * diff is cached (in memory or on disk) is canonical at once: it needs no
 * packument (whose brief cache may have expired) to be served again.
 */
export async function resolveDiff(
  service: DiffResolver,
  route: Exclude<DiffRoute, { kind: "versions" }>,
  options: DiffOptions,
  search = "",
): Promise<ResolvedDiff> {
  if (route.kind === "range" && route.to !== undefined && (await service.hasDiff(route.name, route.from, route.to, options))) {
    return { type: "canonical", name: route.name, from: route.from, to: route.to, format: route.format };
  }
  return resolveDiffRoute(service.registry, route, search);
}
