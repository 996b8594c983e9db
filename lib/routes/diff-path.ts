import { PkgdiffError } from "../errors";
import { parsePackageName } from "../registry/package-name";
import { parseVersionSpec } from "../registry/version-spec";

/** What a `/diff/...` path asks for, before any version is resolved. */
export type DiffRoute =
  | { kind: "versions"; name: string }
  | { kind: "single"; name: string; version: string; format: DiffFormat }
  | { kind: "range"; name: string; from: string; to: string | undefined; format: DiffFormat };

export type DiffFormat = "html" | "patch";

const PATCH_SUFFIX = ".patch";

/**
 * Splits the segments after `/diff/` (as the router gives them, still
 * percent-encoded) into a package name and version specs.
 *
 * @example
 * parseDiffSegments(["%40babel", "core", "7.0.0..7.1.0"])
 * // → { kind: "range", name: "@babel/core", from: "7.0.0", to: "7.1.0", format: "html" }
 * parseDiffSegments(["react", "18.2.0..18.3.1.patch"])
 * // → { kind: "range", name: "react", from: "18.2.0", to: "18.3.1", format: "patch" }
 * parseDiffSegments(["react", "^18.2.0.."])
 * // → { kind: "range", name: "react", from: "^18.2.0", to: undefined, format: "html" }
 */
export function parseDiffSegments(rawSegments: readonly string[]): DiffRoute {
  // "@scope%2fname" (as npm encodes it) arrives as one segment: split it into two.
  const segments = rawSegments.flatMap((raw) => decodeSegment(raw).split("/"));
  const { name, rest } = splitName(segments);
  if (rest.length === 0) return { kind: "versions", name };
  if (rest.length > 1) {
    throw new PkgdiffError("bad_request", `Unexpected path after the versions: "/${rest.slice(1).join("/")}"`);
  }
  let spec = rest[0] ?? "";
  let format: DiffFormat = "html";
  if (spec.endsWith(PATCH_SUFFIX)) {
    format = "patch";
    spec = spec.slice(0, -PATCH_SUFFIX.length);
  }
  if (spec === "") throw new PkgdiffError("bad_request", "The version part of the URL is empty.");
  const separator = spec.indexOf("..");
  // Specs are checked here, not only when resolved: a spec that can never
  // resolve (NUL, "%", "/") is a 400 without a registry request.
  if (separator === -1) return { kind: "single", name, version: checkedSpec(spec), format };
  const from = spec.slice(0, separator);
  const to = spec.slice(separator + 2);
  if (from === "") throw new PkgdiffError("bad_request", `The "from" version is missing in "${spec}".`);
  if (to.includes("..")) throw new PkgdiffError("bad_request", `Use one ".." between two versions, not "${spec}".`);
  return { kind: "range", name, from: checkedSpec(from), to: to === "" ? undefined : checkedSpec(to), format };
}

/** `spec` as written (resolution trims it, and redirects to the exact version), once it could be a version at all. */
function checkedSpec(spec: string): string {
  parseVersionSpec(spec);
  return spec;
}

/** Splits decoded segments into the package name (one or two segments) and the rest. */
export function splitName(segments: readonly string[]): { name: string; rest: string[] } {
  const [first, second, ...others] = segments;
  if (first === undefined || first === "") throw new PkgdiffError("bad_request", "The package name is missing.");
  if (first.startsWith("@")) {
    if (second === undefined || second === "") {
      throw new PkgdiffError("bad_request", `"${first}" is a scope; the package name after it is missing.`);
    }
    return { name: parsePackageName(`${first}/${second}`), rest: others };
  }
  return { name: parsePackageName(first), rest: second === undefined ? [] : [second, ...others] };
}

function decodeSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new PkgdiffError("bad_request", "The URL is not validly percent-encoded.");
  }
  // A decoded "/" would let one segment pose as two (e.g. "..%2f"); names and versions never contain one.
  if (decoded.includes("/") && !/^@[^/]+\/[^/]+$/.test(decoded)) {
    throw new PkgdiffError("bad_request", "A path segment contains an encoded \"/\".");
  }
  return decoded;
}

/** The path of a diff page or patch, names and versions encoded for a URL. */
export function diffPath(name: string, from: string, to: string, format: DiffFormat = "html"): string {
  return `/diff/${encodeName(name)}/${encodeURIComponent(from)}..${encodeURIComponent(to)}${
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
