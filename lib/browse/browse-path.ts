import { PkgdiffError } from "../errors";
import { encodeName, type PathRules, splitNameSegments } from "../routes/diff-path";

/**
 * The query parameter the version switcher adds: "keep this path if the
 * other version has it, else land on its nearest folder, else the root"
 * (see `resolveBrowse`). Never part of a canonical URL: it always redirects.
 */
export const FALLBACK_PARAM = "fallback";

/** What a `/browse/...` or `/raw/...` path asks for, before the version is resolved. */
export interface BrowseRoute {
  name: string;
  /** A version, tag or range as written; `undefined` for `/browse/<name>`. */
  version: string | undefined;
  /** `/`-separated path inside the package, `""` for the root folder. */
  path: string;
}

/**
 * Splits the segments after `/browse/` or `/raw/` (still percent-encoded, as
 * in the request path) into a package name, a version spec and a path in
 * the package, by the ecosystem's name and spec rules. Each path segment is decoded once; a segment that decodes to
 * `/`, `.` or `..`, or is empty, is refused: no file of a package has such a
 * name, and accepting them would let two URLs name one file.
 *
 * @example
 * parseBrowseSegments(["%40babel", "core", "7.0.0", "lib", "index.js"], npmEcosystem)
 * // → { name: "@babel/core", version: "7.0.0", path: "lib/index.js" }
 * parseBrowseSegments(["react"], npmEcosystem) // → { name: "react", version: undefined, path: "" }
 * parseBrowseSegments(["x", "1.0.0", "a%20b.txt"], npmEcosystem) // → { name: "x", version: "1.0.0", path: "a b.txt" }
 */
export function parseBrowseSegments(rawSegments: readonly string[], rules: PathRules): BrowseRoute {
  if (rawSegments.length === 0) throw new PkgdiffError("bad_request", "The package name is missing.");
  // Only the name's segments are decoded here; the file path's are decoded one by one below.
  const nameSegments = rawSegments.slice(0, 2);
  const { name, rest: afterName } = splitNameSegments(nameSegments, rules);
  const consumed = nameSegments.length - afterName.length;
  const rest = rawSegments.slice(consumed);
  const [rawVersion, ...pathSegments] = rest;
  if (rawVersion === undefined) return { name, version: undefined, path: "" };
  const version = decode(rawVersion);
  if (version === "") throw new PkgdiffError("bad_request", "The version part of the URL is empty.");
  if (version.includes("/")) throw new PkgdiffError("bad_request", 'A path segment contains an encoded "/".');
  rules.versions.parseSpec(version); // a spec that can never resolve is a 400 before the registry is asked
  return { name, version, path: pathSegments.map(decodePathSegment).join("/") };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new PkgdiffError("bad_request", "The URL is not validly percent-encoded.");
  }
}

function decodePathSegment(segment: string): string {
  const decoded = decode(segment);
  if (decoded === "" || decoded === "." || decoded === "..") {
    throw new PkgdiffError("bad_request", "The file path contains an empty, \".\" or \"..\" segment.");
  }
  if (decoded.includes("/")) throw new PkgdiffError("bad_request", 'A path segment contains an encoded "/".');
  if (decoded.includes("\0")) throw new PkgdiffError("bad_request", "The file path contains a NUL byte.");
  return decoded;
}

/**
 * A path inside a package as URL path segments: each part encoded, `/` kept.
 *
 * @example
 * encodePath("lib/a b#1.js") // → "lib/a%20b%231.js"
 */
export function encodePath(path: string): string {
  return path
    .split("/")
    .map((part) => encodeURIComponent(part))
    .join("/");
}

function withPath(prefix: string, name: string, version: string, path: string): string {
  const base = `${prefix}/${encodeName(name)}/${encodeURIComponent(version)}`;
  return path === "" ? base : `${base}/${encodePath(path)}`;
}

/**
 * The browse page of a folder or file (`""` is the package root).
 *
 * @example
 * browsePath("@scope/widget", "1.1.0", "src/theme.js") // → "/browse/@scope/widget/1.1.0/src/theme.js"
 */
export function browsePath(name: string, version: string, path = "", ecosystemPrefix = ""): string {
  return withPath(`${ecosystemPrefix}/browse`, name, version, path);
}

/** Where a file's bytes are served (`text/plain` or binary, never active content). */
export function rawPath(name: string, version: string, path: string, ecosystemPrefix = ""): string {
  return withPath(`${ecosystemPrefix}/raw`, name, version, path);
}

/**
 * The endpoint the file viewer loads further lines from (`?start=<line index>`),
 * beside the diff's slices (`/api/v1/file/…`): route handlers under
 * `/browse/` would pass through the page proxy, whose headers override theirs.
 */
export function linesPath(name: string, version: string, path: string, ecosystemPrefix = ""): string {
  return withPath(`/api/v1${ecosystemPrefix}/lines`, name, version, path);
}
