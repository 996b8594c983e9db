import { config } from "../config.mjs";
import { requestDeadline, withDeadline } from "../deadline";
import type { DiffProgress } from "./progress";

/**
 * What the service needs to know about the request it works for, and what
 * it reports back: who asked (for the per-client miss limit), when the
 * client has gone, how long it may wait on registries, where progress goes,
 * and whether the answer came from a cache (for the `x-pkgdiff-cache`
 * header and logs).
 */
export interface RequestContext {
  /** The client's address as the server saw it; undefined = not limited (tests, internal calls). */
  client?: string;
  /** Aborts when the client has gone: the request stops waiting, and work nobody else waits on stops. */
  signal?: AbortSignal;
  /**
   * Aborts with DeadlineExceeded (lib/deadline.ts) once the request has had
   * REGISTRY_DEADLINE_MS: one bound on everything it waits on upstream
   * (metadata, tarballs, attempts and retries together), then a 504 naming
   * what did not answer. Diffing itself is not bounded by it.
   */
  deadline?: AbortSignal;
  /** Told how the computation this request waits on advances (also one it joined). */
  onProgress?: (event: DiffProgress) => void;
  /** Set by the service: "miss" when this request waited for a new computation. */
  cache?: "hit" | "miss";
}

/** Set by scripts/server.mjs from the socket (never taken from the client). */
export const CLIENT_HEADER = "x-pkgdiff-client";
/** Response header (and log field): did this response need new work? */
export const CACHE_HEADER = "x-pkgdiff-cache";

/** A request's context: its client, its signal (the client went away) and its deadline, which starts now. */
export function contextFrom(headers: Headers, signal?: AbortSignal): RequestContext {
  const context: RequestContext = { client: headers.get(CLIENT_HEADER) || undefined };
  if (signal) context.signal = signal;
  const deadline = requestDeadline(config().registry.deadlineMs);
  if (deadline) context.deadline = deadline;
  return context;
}

/** What a registry call made for this request waits with: the client's signal and the deadline together. */
export function upstreamSignal(context: RequestContext): AbortSignal | undefined {
  return withDeadline(context.signal, context.deadline);
}

/**
 * A signal that follows `signal` (the client went away) until `answered()`:
 * a request that has its answer stops waiting on shared work, so its client
 * leaving later no longer counts as one waiter fewer (a `.patch` that
 * streams a diff while it is still being scanned and stored).
 *
 * @example
 * const waiting = untilAnswered(request.signal); // …work with waiting.signal, then:
 * waiting.answered();
 */
export function untilAnswered(signal?: AbortSignal): { signal: AbortSignal; answered(): void } {
  const own = new AbortController();
  const leave = () => own.abort(signal?.reason);
  if (signal?.aborted) leave();
  else signal?.addEventListener("abort", leave, { once: true });
  return { signal: own.signal, answered: () => signal?.removeEventListener("abort", leave) };
}

/** Copies the cache outcome onto a response's headers. */
export function markCache(headers: Headers, context: RequestContext): void {
  if (context.cache) headers.set(CACHE_HEADER, context.cache);
}
