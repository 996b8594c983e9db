/**
 * What the service needs to know about the request it works for, and what
 * it reports back: who asked (for the per-client miss limit) and whether
 * the answer came from a cache (for the `x-pkgdiff-cache` header and logs).
 */
export interface RequestContext {
  /** The client's address as the server saw it; undefined = not limited (tests, internal calls). */
  client?: string;
  signal?: AbortSignal;
  /** Set by the service: "miss" when this request waited for a new computation. */
  cache?: "hit" | "miss";
}

/** Set by scripts/server.mjs from the socket (never taken from the client). */
export const CLIENT_HEADER = "x-pkgdiff-client";
/** Response header (and log field): did this response need new work? */
export const CACHE_HEADER = "x-pkgdiff-cache";

export function contextFrom(headers: Headers): RequestContext {
  return { client: headers.get(CLIENT_HEADER) || undefined };
}

/** Copies the cache outcome onto a response's headers. */
export function markCache(headers: Headers, context: RequestContext): void {
  if (context.cache) headers.set(CACHE_HEADER, context.cache);
}
