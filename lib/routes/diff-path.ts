import { PkgdiffError } from "../errors";
import type { Ecosystem } from "../registry/ecosystem";

/** What a `/diff/...` path asks for, before any version is resolved. */
export type DiffRoute =
  | { kind: "versions"; name: string }
  | { kind: "single"; name: string; version: string; format: DiffFormat }
  | { kind: "range"; name: string; from: string; to: string | undefined; format: DiffFormat };

export type DiffFormat = "html" | "patch";

const PATCH_SUFFIX = ".patch";

/** What parsing a diff path needs of its ecosystem (`Ecosystem` has it). */
export type PathRules = Pick<Ecosystem, "names" | "versions">;

/**
 * Splits the segments after `/diff/` (as the router gives them, still
 * percent-encoded) into a package name and version specs, by the
 * ecosystem's name and spec rules.
 *
 * @example
 * parseDiffSegments(["%40babel", "core", "7.0.0..7.1.0"], npmEcosystem)
 * // → { kind: "range", name: "@babel/core", from: "7.0.0", to: "7.1.0", format: "html" }
 * parseDiffSegments(["react", "18.2.0..18.3.1.patch"], npmEcosystem)
 * // → { kind: "range", name: "react", from: "18.2.0", to: "18.3.1", format: "patch" }
 * parseDiffSegments(["react", "^18.2.0.."], npmEcosystem)
 * // → { kind: "range", name: "react", from: "^18.2.0", to: undefined, format: "html" }
 */
export function parseDiffSegments(rawSegments: readonly string[], rules: PathRules): DiffRoute {
  const { name, rest } = rules.names.split(rawSegments.map(decodeSegment));
  if (rest.length === 0) return { kind: "versions", name };
  if (rest.length > 1) {
    throw new PkgdiffError("bad_request", `Unexpected path after the versions: "/${rest.slice(1).join("/")}"`);
  }
  let spec = rest[0] ?? "";
  // A decoded "/" would let one segment pose as two (e.g. "..%2f"); versions never contain one.
  if (spec.includes("/")) throw new PkgdiffError("bad_request", 'A path segment contains an encoded "/".');
  let format: DiffFormat = "html";
  if (spec.endsWith(PATCH_SUFFIX)) {
    format = "patch";
    spec = spec.slice(0, -PATCH_SUFFIX.length);
  }
  if (spec === "") throw new PkgdiffError("bad_request", "The version part of the URL is empty.");
  const separator = spec.indexOf("..");
  // Specs are checked here, not only when resolved: a spec that can never
  // resolve (NUL, "%", "/") is a 400 without a registry request.
  const checked = (part: string): string => {
    rules.versions.parseSpec(part);
    return part; // as written: resolution trims it, and redirects to the exact version
  };
  if (separator === -1) return { kind: "single", name, version: checked(spec), format };
  const from = spec.slice(0, separator);
  const to = spec.slice(separator + 2);
  if (from === "") throw new PkgdiffError("bad_request", `The "from" version is missing in "${spec}".`);
  if (to.includes("..")) throw new PkgdiffError("bad_request", `Use one ".." between two versions, not "${spec}".`);
  return { kind: "range", name, from: checked(from), to: to === "" ? undefined : checked(to), format };
}

/**
 * Decodes the segments of a path that names a package (the router and
 * request paths keep them percent-encoded) and splits off the name by the
 * ecosystem's rules.
 */
export function splitNameSegments(rawSegments: readonly string[], rules: Pick<Ecosystem, "names">): { name: string; rest: string[] } {
  return rules.names.split(rawSegments.map(decodeSegment));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new PkgdiffError("bad_request", "The URL is not validly percent-encoded.");
  }
}

/**
 * The path of a diff page or patch, names and versions encoded for a URL,
 * under the ecosystem's URL prefix ("" for npm, "/hex" for Hex).
 *
 * @example
 * diffPath("decimal", "2.0.0", "2.1.1", "html", "/hex"); // "/hex/diff/decimal/2.0.0..2.1.1"
 */
export function diffPath(name: string, from: string, to: string, format: DiffFormat = "html", prefix = ""): string {
  return `${prefix}/diff/${encodeName(name)}/${encodeURIComponent(from)}..${encodeURIComponent(to)}${
    format === "patch" ? PATCH_SUFFIX : ""
  }`;
}

/** `@scope/name` stays readable in URLs: only each part is encoded. */
export function encodeName(name: string): string {
  return name
    .split("/")
    .map((part) => encodeURIComponent(part).replace(/^%40/, "@"))
    .join("/");
}

/**
 * A diff page's title from its route segments: the decoded segments, or
 * "diff" when they do not decode.
 *
 * @example
 * diffTitle(["%40babel", "core", "7.0.0..7.1.0"]); // "@babel core 7.0.0..7.1.0"
 */
export function diffTitle(segments: readonly string[]): string {
  try {
    return segments.map((s) => decodeURIComponent(s)).join(" ");
  } catch {
    return "diff";
  }
}
