import { namingDeadline } from "../deadline";
import { PkgdiffError } from "../errors";
import type { Ecosystem } from "../registry/ecosystem";
import type { RegistryAdapter } from "../registry/types";
import type { DiffOptions } from "./diff-service";
import { type DiffFormat, type DiffRoute, diffPath } from "../routes/diff-path";

/** A diff route after resolution: either exact and canonical, or a redirect to the canonical URL. */
export type ResolvedDiff =
  | {
      type: "canonical";
      name: string;
      from: string;
      to: string;
      format: DiffFormat;
      /** Set by `resolveDiff`: whether the diff was found cached (it asked, so its callers need not ask again). */
      cached?: boolean;
    }
  | { type: "redirect"; location: string };

/**
 * Resolves tags, ranges, an empty `to` and a single version to exact
 * versions. A URL that already names exact versions is canonical; any other
 * redirects there, so everything after this point is keyed by immutable
 * inputs. `search` (with its `?`) is kept on redirects: it is part of the permalink.
 */
/** An ecosystem and its registry: what resolving a route needs. */
export interface PackageSource {
  readonly ecosystem: Ecosystem;
  readonly registry: RegistryAdapter;
}

export async function resolveDiffRoute(
  { ecosystem, registry }: PackageSource,
  route: Exclude<DiffRoute, { kind: "versions" }>,
  search = "",
  signal?: AbortSignal,
): Promise<ResolvedDiff> {
  const pkg = await registry.getPackage(route.name, signal);
  const { versions, urlPrefix } = ecosystem;
  if (route.kind === "single") {
    const version = versions.resolve(pkg, route.version);
    const previous = versions.previous(pkg, version);
    if (!previous) {
      throw new PkgdiffError(
        "version_not_found",
        `${route.name}@${version} is the first published version; there is no earlier version to compare it with.`,
        { packageName: route.name, version, nearest: pkg.sortedVersions.slice(0, 5) },
      );
    }
    return { type: "redirect", location: diffPath(route.name, previous, version, route.format, urlPrefix) + search };
  }
  const from = versions.resolve(pkg, route.from);
  const to = route.to === undefined ? versions.latest(pkg) : versions.resolve(pkg, route.to);
  if (from === route.from && to === route.to) {
    return { type: "canonical", name: route.name, from, to, format: route.format };
  }
  return { type: "redirect", location: diffPath(route.name, from, to, route.format, urlPrefix) + search };
}

/** What `resolveDiff` needs of the service (kept narrow so this module stays free of `server-only`). */
interface DiffResolver extends PackageSource {
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
  /** The request's client signal and deadline together (`upstreamSignal`): a passed deadline is a 504 naming the package. */
  signal?: AbortSignal,
): Promise<ResolvedDiff> {
  if (route.kind === "range" && route.to !== undefined && (await service.hasDiff(route.name, route.from, route.to, options))) {
    return { type: "canonical", name: route.name, from: route.from, to: route.to, format: route.format, cached: true };
  }
  const resolved = await namingDeadline(resolveDiffRoute(service, route, search, signal), route.name, { packageName: route.name });
  // Canonical here means exact versions whose diff was just found not cached.
  return resolved.type === "canonical" ? { ...resolved, cached: false } : resolved;
}
