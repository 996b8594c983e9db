import semver, { type SemVer } from "semver";

import type { ChangeLevel } from "./types";

/** A classified change; `zeroMajor` when it is breaking only by the 0.x rule (0.5 → 0.6, 0.0.3 → 0.0.4). */
export interface SpecChange {
  level: ChangeLevel;
  zeroMajor: boolean;
}

/** The range's operators and layout with its versions blanked: "^1.2.0" and "^1.3.0" share one. */
function shape(range: string): string {
  return range.trim().replace(/[0-9]+(?:\.[0-9x*]+)*(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?/g, "V").replace(/\s+/g, " ");
}

/**
 * How far apart two versions are, with semver's 0.x rule: the leftmost
 * non-zero part is the breaking one, so 0.5.0 → 0.6.0 and 0.0.3 → 0.0.4
 * are major. Any prerelease on either side is "prerelease".
 *
 * @example
 * versionLevel(semver.parse("1.20.1")!, semver.parse("1.20.2")!) // → { level: "patch", zeroMajor: false }
 * versionLevel(semver.parse("0.5.0")!, semver.parse("0.6.0")!) // → { level: "major", zeroMajor: true }
 */
export function versionLevel(a: SemVer, b: SemVer): SpecChange {
  if (a.prerelease.length > 0 || b.prerelease.length > 0) return { level: "prerelease", zeroMajor: false };
  if (a.major !== b.major) return { level: "major", zeroMajor: false };
  if (a.major === 0) {
    if (a.minor !== b.minor) return { level: "major", zeroMajor: true };
    if (a.minor === 0) return { level: a.patch !== b.patch ? "major" : "other", zeroMajor: a.patch !== b.patch };
    return { level: a.patch !== b.patch ? "patch" : "other", zeroMajor: false };
  }
  if (a.minor !== b.minor) return { level: "minor", zeroMajor: false };
  return { level: a.patch !== b.patch ? "patch" : "other", zeroMajor: false };
}

/**
 * Classifies a change of a dependency's semver range (exact versions are
 * ranges too). Ranges of the same form are compared by their minimum
 * version (`semver.minVersion`); a change of form (`^1.2.0` → `>=1.2.0`)
 * by which accepts more (`semver.subset`). A minimum that went down is a
 * widening when the old range fits in the new, else "other". Not ranges:
 * "other".
 *
 * @example
 * classifyRangeChange("^1.2.0", "^1.3.0") // → { level: "minor", zeroMajor: false }
 * classifyRangeChange("^1.2.0", "^2.0.0") // → { level: "major", zeroMajor: false }
 * classifyRangeChange("0.5.0", "0.6.0") // → { level: "major", zeroMajor: true }
 * classifyRangeChange("^1.2.0", ">=1.2.0") // → { level: "widened", zeroMajor: false }
 * classifyRangeChange(">=1", "^1.2.0") // → { level: "narrowed", zeroMajor: false }
 */
export function classifyRangeChange(from: string, to: string): SpecChange {
  const other: SpecChange = { level: "other", zeroMajor: false };
  if (semver.validRange(from) === null || semver.validRange(to) === null) return other;
  const minFrom = semver.minVersion(from);
  const minTo = semver.minVersion(to);
  if (!minFrom || !minTo) return other;
  const toInFrom = semver.subset(to, from);
  const fromInTo = semver.subset(from, to);
  const order = semver.compare(minFrom, minTo);
  if (shape(from) === shape(to) && order < 0) return versionLevel(minFrom, minTo);
  if (fromInTo && !toInFrom) return { level: "widened", zeroMajor: false };
  if (toInFrom && !fromInTo) return { level: "narrowed", zeroMajor: false };
  if (order < 0) return versionLevel(minFrom, minTo);
  return other;
}
