import semver, { type SemVer } from "semver";

const DEFAULT_COUNT = 5;

/**
 * Suggestions for a version that does not exist, best first. For a
 * version-like spec (`1.2.7`, `^3`, `v2`) the published versions closest to
 * it in semver order; for anything else (an unknown tag) the newest ones.
 * Stable versions come before prereleases unless the spec is a prerelease,
 * because packages such as react publish thousands of canaries that would
 * otherwise crowd out every useful suggestion.
 *
 * @example
 * nearestVersions(["2.0.0", "1.2.8", "1.2.6", "1.0.0"], "1.2.7"); // ["1.2.8", "1.2.6", "1.0.0", "2.0.0"]
 * nearestVersions(["2.0.0", "1.0.0"], "nope"); // ["2.0.0", "1.0.0"]
 */
export function nearestVersions(sortedNewestFirst: readonly string[], spec: string, count = DEFAULT_COUNT): string[] {
  const target = versionLike(spec);
  const wantPrerelease = target !== undefined && target.prerelease.length > 0;
  const stable = sortedNewestFirst.filter((v) => semver.prerelease(v) === null);
  const prereleases = sortedNewestFirst.filter((v) => semver.prerelease(v) !== null);
  const pick = (list: readonly string[], n: number): string[] =>
    target === undefined ? list.slice(0, n) : closest(list, target, n);
  if (wantPrerelease) return pick(sortedNewestFirst, count);
  const first = pick(stable, count);
  return [...first, ...pick(prereleases, count - first.length)];
}

/** The version a spec points at, or undefined when it does not look like a version. */
function versionLike(spec: string): SemVer | undefined {
  if (!/^[\s=v^~<>]*\d/i.test(spec)) return undefined;
  const range = semver.validRange(spec);
  const fromRange = range === null ? null : safeMinVersion(range);
  return fromRange ?? semver.coerce(spec, { includePrerelease: true }) ?? undefined;
}

function safeMinVersion(range: string): SemVer | null {
  try {
    return semver.minVersion(range);
  } catch {
    return null;
  }
}

/**
 * Walks outward from where `target` would sit in the sorted list, one
 * version below and one above per step, so both neighbours always show up
 * (a package that jumped from 1.x to 18.x suggests both for `^3`). Within
 * a step the numerically closer one goes first, the newer on a tie.
 */
function closest(sortedNewestFirst: readonly string[], target: SemVer, n: number): string[] {
  // Index of the first version not newer than target: newer ones sit before it.
  let lower = sortedNewestFirst.findIndex((v) => semver.lte(v, target));
  if (lower === -1) lower = sortedNewestFirst.length;
  let upper = lower - 1;
  const out: string[] = [];
  while (out.length < n && (upper >= 0 || lower < sortedNewestFirst.length)) {
    const step = [sortedNewestFirst[upper], sortedNewestFirst[lower]].filter((v) => v !== undefined);
    step.sort((a, b) => compareDistance(a, b, target) || semver.rcompare(a, b));
    out.push(...step.slice(0, n - out.length));
    upper -= 1;
    lower += 1;
  }
  return out;
}

/** Negative when `a` is closer to `target` than `b`, comparing major, then minor, then patch. */
function compareDistance(a: string, b: string, target: SemVer): number {
  const pa = semver.parse(a);
  const pb = semver.parse(b);
  if (pa === null || pb === null) return 0;
  const fields = ["major", "minor", "patch"] as const;
  for (const field of fields) {
    const diff = Math.abs(pa[field] - target[field]) - Math.abs(pb[field] - target[field]);
    if (diff !== 0) return diff;
  }
  return 0;
}
