import semver from "semver";

/** Pads "2.1" to "2.1.0"; undefined when it is not a version. */
function fullVersion(version: string): string | undefined {
  const parts = version.split(".");
  if (parts.length === 2 && !version.includes("-")) return semver.valid(`${version}.0`) ?? undefined;
  return semver.valid(version) ?? undefined;
}

function clause(text: string): string | undefined {
  const match = /^(~>|==|>=|<=|>|<)?\s*(\S+)$/.exec(text.trim());
  if (!match) return undefined;
  const [, op = "==", version = ""] = match;
  const full = fullVersion(version);
  if (!full) return undefined;
  if (op === "~>") {
    const v = semver.parse(full)!;
    // "~> 2.1" allows 2.x from 2.1; "~> 2.1.3" allows 2.1.x from 2.1.3 (Elixir's Version docs).
    const upper = version.split(".").length === 2 ? `${v.major + 1}.0.0-0` : `${v.major}.${v.minor + 1}.0-0`;
    return `>=${full} <${upper}`;
  }
  return op === "==" ? full : `${op}${full}`;
}

/**
 * An Elixir version requirement as an npm range, so Hex requirements are
 * classified by the same rules; undefined when it has no npm equivalent
 * (`!=`, malformed).
 *
 * @example
 * hexRequirementToRange("~> 2.1") // → ">=2.1.0 <3.0.0-0"
 * hexRequirementToRange("~> 2.1.3") // → ">=2.1.3 <2.2.0-0"
 * hexRequirementToRange(">= 1.0.0 and < 2.0.0 or == 3.0.0") // → ">=1.0.0 <2.0.0 || 3.0.0"
 * hexRequirementToRange("!= 1.0.0") // → undefined
 */
export function hexRequirementToRange(requirement: string): string | undefined {
  const alternatives: string[] = [];
  for (const alternative of requirement.split(/\s+or\s+/)) {
    const parts: string[] = [];
    for (const part of alternative.split(/\s+and\s+/)) {
      const converted = clause(part);
      if (converted === undefined) return undefined;
      parts.push(converted);
    }
    alternatives.push(parts.join(" "));
  }
  const range = alternatives.join(" || ");
  return semver.validRange(range) === null ? undefined : range;
}
