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

/**
 * `previousRelease` for every version of the list at once, in O(n log n)
 * rather than O(n²): what a versions page with thousands of canaries needs.
 * Versions without a previous one are absent from the map.
 *
 * @example
 * const list = [{ version: "2.0.0-rc.1" }, { version: "2.0.0-beta.1" }, { version: "1.2.0" }];
 * previousReleases(list).get("2.0.0-rc.1"); // "2.0.0-beta.1"
 */
export function previousReleases(newestFirst: readonly ReleaseEntry[]): Map<string, string> {
  const previous = new Map<string, string>();
  const stableBelow: (string | undefined)[] = new Array<string | undefined>(newestFirst.length);
  const lines = new Map<string, number[]>();
  let below: string | undefined;
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    stableBelow[i] = below;
    const version = newestFirst[i]?.version ?? "";
    if (!isPrerelease(version)) {
      below = version;
      continue;
    }
    const line = releaseLine(version);
    const members = lines.get(line);
    if (members) members.push(i);
    else lines.set(line, [i]);
  }
  const set = (version: string, to: string | undefined) => {
    if (to !== undefined) previous.set(version, to);
  };
  for (let i = 0; i < newestFirst.length; i++) {
    const version = newestFirst[i]?.version ?? "";
    if (!isPrerelease(version)) set(version, stableBelow[i]);
  }
  for (const members of lines.values()) {
    // Indexes were collected from the end: lowest version first.
    const times = members.map((i) => timeOf(newestFirst[i] ?? { version: "" }));
    if (times.every((t) => t !== undefined)) {
      // By time, earliest first; at equal times the lowest index (newest version) wins, as in previousRelease.
      const order = members.map((index, k) => ({ index, time: times[k] ?? 0 })).sort((a, b) => a.time - b.time || a.index - b.index);
      let best: number | undefined;
      for (let k = 0; k < order.length; ) {
        const time = order[k]?.time;
        let end = k;
        while (end < order.length && order[end]?.time === time) end++;
        for (let j = k; j < end; j++) {
          const index = order[j]?.index ?? 0;
          set(newestFirst[index]?.version ?? "", best === undefined ? stableBelow[index] : newestFirst[best]?.version);
        }
        best = order[k]?.index;
        k = end;
      }
    } else if (times.every((t) => t === undefined)) {
      // No times to go by: the next lower in version order (members run lowest first).
      members.forEach((index, k) => set(newestFirst[index]?.version ?? "", k === 0 ? stableBelow[index] : newestFirst[members[k - 1] ?? 0]?.version));
    } else {
      // Some times missing: rare enough to take the one-by-one rule.
      for (const index of members) {
        const version = newestFirst[index]?.version ?? "";
        set(version, previousRelease(newestFirst, version));
      }
    }
  }
  return previous;
}
