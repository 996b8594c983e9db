import { type ErrorDetails, PkgdiffError } from "./errors";

/**
 * The reason a request's deadline signal aborts with: the request has
 * waited on registries for as long as REGISTRY_DEADLINE_MS allows.
 */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`The request waited ${ms / 1000} s on the registry (REGISTRY_DEADLINE_MS)`);
    this.name = "DeadlineExceeded";
  }
}

/** By shape, not `instanceof`: the proxy and the app are separate bundles (see isPkgdiffError). */
export function isDeadlineExceeded(reason: unknown): reason is DeadlineExceeded {
  return reason instanceof Error && reason.name === "DeadlineExceeded" && typeof (reason as { ms?: unknown }).ms === "number";
}

/**
 * One request's deadline for everything it waits on upstream: a signal that
 * aborts `ms` after it is made, with a DeadlineExceeded reason (never, for
 * 0). The timer does not keep the process alive.
 *
 * @example
 * const deadline = requestDeadline(20_000);
 * await registry.getTarball(pkg, "18.3.1", AbortSignal.any([request.signal, deadline]));
 */
export function requestDeadline(ms: number): AbortSignal | undefined {
  if (ms <= 0) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(ms)), ms);
  (timer as { unref?: () => void }).unref?.();
  return controller.signal;
}

/**
 * The 504 a passed deadline becomes, naming what did not answer:
 * "The registry did not answer within 20 s for the tarball of react@18.3.1 (REGISTRY_DEADLINE_MS)".
 */
export function deadlineError(ms: number, subject: string, details: ErrorDetails, cause?: unknown): PkgdiffError {
  return new PkgdiffError("timeout", `The registry did not answer within ${ms / 1000} s for ${subject} (REGISTRY_DEADLINE_MS)`, details, { cause });
}

/** A signal that aborts when either does (the work's own and the request's deadline); undefined when neither exists. */
export function withDeadline(signal: AbortSignal | undefined, deadline: AbortSignal | undefined): AbortSignal | undefined {
  return signal && deadline ? AbortSignal.any([signal, deadline]) : (signal ?? deadline);
}

/**
 * `work`, with a passed deadline turned into the 504 naming `subject`. For
 * waits that end by the caller's signal before the registry layer could say
 * what it was waiting for (a shared load the caller stopped waiting on).
 */
export async function namingDeadline<T>(work: Promise<T>, subject: string, details: ErrorDetails): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isDeadlineExceeded(error)) throw deadlineError(error.ms, subject, details, error);
    throw error;
  }
}
