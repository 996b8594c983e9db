/*
 * "Diff with previous", one rule for the redirect (`/diff/<name>/<version>`),
 * the versions page and the pickers. Free of semver: client components use it.
 */

/** One version as the rule needs it: lists are newest first in version order. */
export interface ReleaseEntry {
  version: string;
  /** ISO publish time, when the registry says. */
  publishedAt?: string;
}

/**
 * A version's release line: its `major.minor.patch` core (`19.0.0` for
 * `19.0.0-canary-7a2609eed-20240403`, `2.0.0` for `2.0.0-rc.1+build.5`).
 *
 * @example
 * releaseLine("2.0.0-rc.1"); // "2.0.0"
 */
export function releaseLine(version: string): string {
  return version.split(/[-+]/, 1)[0] ?? version;
}

/**
 * True when the version's core (before any `+build`) has a `-tag`.
 *
 * @example
 * isPrerelease("2.0.0-rc.1"); // true
 * isPrerelease("1.0.0+build-5"); // false
 */
export function isPrerelease(version: string): boolean {
  return version.split("+", 1)[0]?.includes("-") ?? false;
}

/**
 * The version a diff "with previous" starts from. For a stable version: the
 * highest lower stable version (2.0.0 diffs against 1.9.0, not 2.0.0-rc.3).
 * For a prerelease: the prerelease of the same release line published just
 * before it (canaries' version order is by hash, meaningless; publish time
 * is not), by version order where the registry gives no times; else the
 * highest stable version below it. `undefined` when there is none.
 *
 * @example
 * const list = [{ version: "2.0.0-rc.1" }, { version: "2.0.0-beta.1" }, { version: "1.2.0" }];
 * previousRelease(list, "2.0.0-rc.1"); // "2.0.0-beta.1"
 * previousRelease(list, "2.0.0-beta.1"); // "1.2.0"
 */
export function previousRelease(newestFirst: readonly ReleaseEntry[], version: string): string | undefined {
  const at = newestFirst.findIndex((entry) => entry.version === version);
  if (at === -1) return undefined;
  const self = newestFirst[at];
  const stableBelow = () => newestFirst.slice(at + 1).find((entry) => !isPrerelease(entry.version))?.version;
  if (!self || !isPrerelease(version)) return stableBelow();
  const line = releaseLine(version);
  const time = timeOf(self);
  let best: { entry: ReleaseEntry; time: number } | undefined;
  for (let i = 0; i < newestFirst.length; i++) {
    const entry = newestFirst[i];
    if (i === at || !entry || !isPrerelease(entry.version) || releaseLine(entry.version) !== line) continue;
    const other = timeOf(entry);
    if (time !== undefined && other !== undefined) {
      if (other < time && (best === undefined || other > best.time)) best = { entry, time: other };
    } else if (i > at && best === undefined) {
      // No times to go by: the next lower in version order.
      best = { entry, time: Number.NEGATIVE_INFINITY };
    }
  }
  return best?.entry.version ?? stableBelow();
}

function timeOf(entry: ReleaseEntry): number | undefined {
  if (entry.publishedAt === undefined) return undefined;
  const time = Date.parse(entry.publishedAt);
  return Number.isNaN(time) ? undefined : time;
}
