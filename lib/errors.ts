/**
 * The one error type that crosses module borders. Every failure a user can
 * see has a `kind`; `lib/http/status.ts` maps a kind to an HTTP status and
 * the error pages map it to words. Never throw strings or plain objects.
 */
export type ErrorKind =
  | "bad_request" // malformed URL, name or version spec (400)
  | "not_found" // unknown package (404)
  | "version_not_found" // known package, unknown version (404, lists nearest versions)
  | "path_not_found" // a file path that is not in the version (404)
  | "upstream" // the registry failed: 5xx, reset, invalid JSON (502)
  | "timeout" // the registry was too slow (504)
  | "integrity" // tarball does not match dist.integrity / shasum (502)
  | "too_large" // a configured limit was hit (422)
  | "bad_tarball" // corrupt gzip/tar, hostile paths (422)
  | "forbidden_origin" // tarball URL on an origin that is not allowed (502)
  | "overloaded" // admission control said no: too many computations queued (503)
  | "not_configured" // this server is not set up for the ecosystem asked for (503)
  | "read_only" // maintenance: cached answers only, nothing new is computed or fetched (503)
  | "rate_limited"; // this client asked for too many uncached diffs (429)

export interface ErrorDetails {
  /** For `version_not_found`: the closest published versions, best first. */
  nearest?: string[];
  packageName?: string;
  version?: string;
  /** Seconds, for `overloaded`, `rate_limited` and `read_only`. */
  retryAfter?: number;
}

export class PkgdiffError extends Error {
  readonly kind: ErrorKind;
  readonly details: ErrorDetails;

  constructor(kind: ErrorKind, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PkgdiffError";
    this.kind = kind;
    this.details = details;
  }
}

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  "bad_request",
  "not_found",
  "version_not_found",
  "path_not_found",
  "upstream",
  "timeout",
  "integrity",
  "too_large",
  "bad_tarball",
  "forbidden_origin",
  "overloaded",
  "not_configured",
  "read_only",
  "rate_limited",
]);

/**
 * True for a PkgdiffError from any copy of this module. Checked by shape,
 * not `instanceof`: Next bundles the proxy and the app separately, so one
 * process holds two PkgdiffError classes, and the shared service may throw
 * either one.
 */
export function isPkgdiffError(value: unknown): value is PkgdiffError {
  if (value instanceof PkgdiffError) return true;
  if (!(value instanceof Error) || value.name !== "PkgdiffError") return false;
  const { kind, details } = value as Partial<PkgdiffError>;
  return typeof kind === "string" && KINDS.has(kind) && typeof details === "object" && details !== null;
}
