import { type ErrorKind, isPkgdiffError } from "../errors";

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  not_found: 404,
  version_not_found: 404,
  path_not_found: 404,
  upstream: 502,
  integrity: 502,
  forbidden_origin: 502,
  timeout: 504,
  too_large: 422,
  bad_tarball: 422,
  overloaded: 503,
  not_configured: 503,
  read_only: 503,
  rate_limited: 429,
};

/** HTTP status for any thrown value: typed errors by kind, anything else 500. */
export function statusFor(error: unknown): number {
  return isPkgdiffError(error) ? STATUS[error.kind] : 500;
}
