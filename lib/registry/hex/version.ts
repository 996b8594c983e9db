import semver from "semver";
import { PkgdiffError } from "../../errors";

/*
 * Hex versions and requirements, as Elixir's Version module defines them
 * (https://hexdocs.pm/elixir/Version.html): versions are SemVer 2.0 (no
 * "v" prefix, no partial versions); requirements are `op version` clauses
 * joined by `and` / `or` (`and` binds tighter), where op is one of `==`,
 * `!=`, `>`, `>=`, `<`, `<=`, `~>`, and a bare version means `==`.
 */

const IDENTIFIERS = String.raw`[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*`;
const NUMBER = String.raw`(?:0|[1-9]\d*)`;
const VERSION = new RegExp(String.raw`^(${NUMBER})\.(${NUMBER})\.(${NUMBER})(?:-(${IDENTIFIERS}))?(?:\+(${IDENTIFIERS}))?$`);
/** `~>` alone may drop the patch: `~> 2.1`. */
const APPROXIMATE = new RegExp(String.raw`^(${NUMBER})\.(${NUMBER})$`);
const MAX_REQUIREMENT_LENGTH = 256;

export type Operator = "==" | "!=" | ">" | ">=" | "<" | "<=" | "~>";

interface Clause {
  op: Operator;
  /** The operand as written, completed to a full version (`~> 2.1` → `2.1.0`). */
  version: string;
  /** For `~>`: the exclusive upper bound, as a `-0` prerelease so no prerelease of it matches. */
  upper?: string;
}

/** Disjunctive normal form: any of the groups matches when all of its clauses do. */
export interface HexRequirement {
  source: string;
  groups: Clause[][];
}

/**
 * True for an Elixir version: `2.1.0`, `2.1.0-rc.1`, `1.0.0+build.5`.
 * Unlike npm's semver, no `v` prefix, `=` or missing parts.
 *
 * @example
 * isHexVersion("2.1.0-rc.1"); // true
 * isHexVersion("v2.1.0"); // false
 */
export function isHexVersion(text: string): boolean {
  if (!VERSION.test(text)) return false;
  const pre = VERSION.exec(text)?.[4];
  // SemVer 2.0: numeric prerelease identifiers have no leading zeros.
  return pre === undefined || pre.split(".").every((part) => !/^0\d+$/.test(part));
}

/** True when the version has a `-pre` part (build metadata does not count). */
export function isHexPrerelease(version: string): boolean {
  return VERSION.exec(version)?.[4] !== undefined;
}

/**
 * Elixir's order: SemVer precedence, build metadata ignored.
 *
 * @example
 * ["2.0.0", "2.0.0-rc.1", "1.9.0"].sort(compareHexVersions); // ["1.9.0", "2.0.0-rc.1", "2.0.0"]
 */
export function compareHexVersions(a: string, b: string): number {
  return semver.compare(a, b);
}

/**
 * Parses an Elixir requirement; `undefined` when `text` is not one.
 *
 * @example
 * parseHexRequirement("~> 2.1"); // >= 2.1.0 and < 3.0.0-0
 * parseHexRequirement(">= 1.0.0 and < 2.0.0 or == 3.0.0");
 * parseHexRequirement("^1.0"); // undefined
 */
export function parseHexRequirement(text: string): HexRequirement | undefined {
  if (text.length > MAX_REQUIREMENT_LENGTH) return undefined;
  const tokens = lex(text);
  if (tokens === undefined || tokens.length === 0) return undefined;
  const groups: Clause[][] = [[]];
  let expectClause = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    if (!expectClause) {
      if (token === "or") groups.push([]);
      else if (token !== "and") return undefined;
      expectClause = true;
      continue;
    }
    const op = isOperator(token) ? token : undefined;
    const operand = op === undefined ? token : tokens[++i];
    if (operand === undefined) return undefined;
    const clause = toClause(op ?? "==", operand);
    if (clause === undefined) return undefined;
    groups[groups.length - 1]?.push(clause);
    expectClause = false;
  }
  return expectClause ? undefined : { source: text, groups };
}

/**
 * True when `version` satisfies `requirement`. A prerelease version only
 * matches a clause whose own version is a prerelease, as Elixir's
 * `Version.match?(v, req, allow_pre: false)` and Hex's resolver do.
 *
 * @example
 * matchesHexRequirement("2.1.1", parseHexRequirement("~> 2.0")!); // true
 * matchesHexRequirement("2.2.0-rc.0", parseHexRequirement("~> 2.0")!); // false
 */
export function matchesHexRequirement(version: string, requirement: HexRequirement): boolean {
  const pre = isHexPrerelease(version);
  return requirement.groups.some((group) => group.every((clause) => matchesClause(version, pre, clause)));
}

/**
 * The highest version satisfying the requirement, or `undefined`.
 *
 * @example
 * maxSatisfyingHex(["2.0.0", "2.1.0", "2.1.1"], ">= 2.0.0 and < 2.1.0"); // "2.0.0"
 */
export function maxSatisfyingHex(versions: readonly string[], requirement: string | HexRequirement): string | undefined {
  const parsed = typeof requirement === "string" ? parseHexRequirement(requirement) : requirement;
  if (parsed === undefined) throw new PkgdiffError("bad_request", `${JSON.stringify(String(requirement).slice(0, 80))} is not a Hex version requirement`);
  let best: string | undefined;
  for (const version of versions) {
    if (!isHexVersion(version) || !matchesHexRequirement(version, parsed)) continue;
    if (best === undefined || compareHexVersions(version, best) > 0) best = version;
  }
  return best;
}

const OPERATORS: readonly Operator[] = ["==", "!=", ">", ">=", "<", "<=", "~>"];

function isOperator(token: string): token is Operator {
  return (OPERATORS as readonly string[]).includes(token);
}

/** Splits on spaces and around operators: `>=1.0.0 and<2.0.0` lexes as Elixir's does. */
function lex(text: string): string[] | undefined {
  const tokens: string[] = [];
  const pattern = /\s*(~>|==|!=|>=|<=|>|<|[^\s<>=!~]+)/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    pattern.lastIndex = pos;
    const match = pattern.exec(text);
    if (!match?.[1]) return undefined;
    tokens.push(match[1]);
    pos = pattern.lastIndex;
  }
  return tokens;
}

function toClause(op: Operator, operand: string): Clause | undefined {
  if (op === "~>") {
    const short = APPROXIMATE.exec(operand);
    if (short) {
      const major = Number(short[1]);
      return { op, version: `${short[1]}.${short[2]}.0`, upper: `${major + 1}.0.0-0` };
    }
    const full = VERSION.exec(operand);
    if (!full || !isHexVersion(operand)) return undefined;
    return { op, version: operand, upper: `${full[1]}.${Number(full[2]) + 1}.0-0` };
  }
  return isHexVersion(operand) ? { op, version: operand } : undefined;
}

function matchesClause(version: string, versionIsPre: boolean, clause: Clause): boolean {
  if (versionIsPre && !isHexPrerelease(clause.version)) return false;
  const order = compareHexVersions(version, clause.version);
  switch (clause.op) {
    case "==":
      return order === 0;
    case "!=":
      return order !== 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case "~>":
      return order >= 0 && clause.upper !== undefined && compareHexVersions(version, clause.upper) < 0;
  }
}
