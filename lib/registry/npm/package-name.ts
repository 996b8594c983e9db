import { PkgdiffError } from "../../errors";

/** npm's limit; older packages never exceeded it either. */
const MAX_NAME_LENGTH = 214;

/**
 * npm writes the scope separator as `%2f` in registry URLs, and links copied
 * from there carry it; it is the only percent-escape accepted in a name.
 */
const ENCODED_SCOPE_SEPARATOR = /^(@[^/%]+)%2f/i;

/**
 * Validates a package name as the registry knows it: `name` or
 * `@scope/name`. Follows the rules for names that exist (so uppercase,
 * as in `JSONStream`, is accepted) rather than the stricter rules for new
 * names; see validate-npm-package-name. Throws `bad_request` otherwise.
 *
 * @example
 * parsePackageName("react"); // "react"
 * parsePackageName("@babel/core"); // "@babel/core"
 * parsePackageName("@babel%2fcore"); // "@babel/core"
 * parsePackageName("../etc/passwd"); // throws PkgdiffError (bad_request)
 */
export function parsePackageName(raw: string): string {
  const name = raw.replace(ENCODED_SCOPE_SEPARATOR, "$1/");
  const problem = nameProblem(name);
  if (problem) {
    throw new PkgdiffError("bad_request", `${JSON.stringify(truncate(raw))} is not a valid package name: ${problem}`);
  }
  return name;
}

/**
 * The name as it appears in a registry URL path: the scope separator is
 * escaped, everything else is already URL-safe after `parsePackageName`.
 *
 * @example
 * encodePackageNameForUrl("@babel/core"); // "@babel%2fcore"
 * encodePackageNameForUrl("react"); // "react"
 */
export function encodePackageNameForUrl(name: string): string {
  return name.startsWith("@") ? name.replace("/", "%2f") : name;
}

/**
 * Splits decoded URL path segments into an npm name and the segments after
 * it: `@scope` + `name` is two segments, or one when written as npm writes
 * it in registry URLs (`@scope%2fname`, which arrives decoded as
 * `@scope/name`); any other name is one segment.
 *
 * @example
 * splitPackageName(["@babel", "core", "7.0.0"]); // { name: "@babel/core", rest: ["7.0.0"] }
 * splitPackageName(["@babel/core", "7.0.0"]); // { name: "@babel/core", rest: ["7.0.0"] }
 * splitPackageName(["react"]); // { name: "react", rest: [] }
 */
export function splitPackageName(segments: readonly string[]): { name: string; rest: string[] } {
  const [first, second, ...others] = segments;
  if (first === undefined || first === "") throw new PkgdiffError("bad_request", "The package name is missing.");
  if (first.includes("/")) {
    // Only "@scope%2fname" may hide a "/" in one segment; elsewhere it would let one segment pose as two.
    if (!/^@[^/]+\/[^/]+$/.test(first)) throw new PkgdiffError("bad_request", 'A path segment contains an encoded "/".');
    return { name: parsePackageName(first), rest: second === undefined ? [] : [second, ...others] };
  }
  if (first.startsWith("@")) {
    if (second === undefined || second === "") {
      throw new PkgdiffError("bad_request", `"${first}" is a scope; the package name after it is missing.`);
    }
    return { name: parsePackageName(`${first}/${second}`), rest: others };
  }
  return { name: parsePackageName(first), rest: second === undefined ? [] : [second, ...others] };
}

function nameProblem(name: string): string | undefined {
  if (name.length === 0) return "it is empty";
  if (name.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters`;
  if (name.includes("..")) return 'it contains ".."';
  if (name.startsWith("@")) {
    const slash = name.indexOf("/");
    if (slash === -1) return "a scoped name needs a /";
    const scope = name.slice(1, slash);
    const bare = name.slice(slash + 1);
    if (scope.length === 0) return "the scope is empty";
    if (scope.startsWith(".")) return "the scope cannot start with a period";
    if (!isUrlSafe(scope)) return "the scope has characters that are not URL-safe";
    return bareNameProblem(bare, true);
  }
  return bareNameProblem(name, false);
}

function bareNameProblem(bare: string, scoped: boolean): string | undefined {
  if (bare.length === 0) return "the name is empty";
  if (bare.startsWith(".")) return "it cannot start with a period";
  // npm checks the underscore rule on the whole name, so `@scope/_x` is legal.
  if (!scoped && bare.startsWith("_")) return "it cannot start with an underscore";
  if (!isUrlSafe(bare)) return "it has characters that are not URL-safe";
  return undefined;
}

/** encodeURIComponent leaves exactly npm's allowed set alone (it escapes `/`, `%`, spaces, NUL, non-ASCII). */
function isUrlSafe(part: string): boolean {
  return encodeURIComponent(part) === part;
}

function truncate(raw: string): string {
  return raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
}
