import { deadlineError, isDeadlineExceeded } from "../../deadline";
import { type ErrorDetails, PkgdiffError, isPkgdiffError } from "../../errors";
import type { OriginPolicy } from "./origin";
import { discardBody } from "./read-body";

export interface RequestPolicy {
  fetch: typeof fetch;
  origins: OriginPolicy;
  token: string | undefined;
  /** Inactivity timeout per attempt: until headers, then between body chunks; 0 disables it. */
  timeoutMs: number;
  /** Extra attempts after the first, for network errors, timeouts, 5xx and 429. */
  retries: number;
  retryBaseMs: number;
  /**
   * How long one logical request may wait for the registry's answer, across
   * its attempts and the pauses between them (REGISTRY_DEADLINE_MS); each
   * attempt's timeout fits inside what is left. A body that keeps arriving
   * is bounded by the inactivity timeout instead (a 200 MiB tarball may
   * take longer). 0 or absent: no deadline.
   */
  deadlineMs?: number;
}

export interface RegistryRequest<T> {
  url: string;
  accept: string;
  /** Words for messages: "react", "the tarball of react@18.3.1". */
  subject: string;
  details: ErrorDetails;
  /** What a 404 means depends on what was asked for. */
  onNotFound(): PkgdiffError;
  /** Reads a 2xx response; `progress` keeps the inactivity timer alive. */
  read(response: Response, progress: () => void): Promise<T>;
}

interface Failure {
  kind: "upstream" | "timeout";
  message: string;
  cause?: unknown;
  /** The server asked for a pause (Retry-After); Infinity: longer than we will wait. */
  retryAfterMs?: number;
  /** The deadline passed: no attempt follows, and the message says so already. */
  final?: boolean;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** A user is waiting; a registry asking for a longer pause than this is treated as down. */
const MAX_RETRY_AFTER_MS = 5_000;

/**
 * One logical request to the registry: origin-checked redirects, an
 * inactivity timeout per attempt, retries with exponential backoff and
 * jitter for failures that may pass (network, timeout, 5xx, 429), and one
 * deadline for the answer across them all (`deadlineMs`). Every
 * failure becomes a `PkgdiffError` whose message says the registry failed.
 * The caller's own abort is rethrown as is and never retried, except when
 * its reason is the request's deadline (lib/deadline.ts): that is a 504
 * naming what did not answer. A request's deadline bounds every call it
 * makes together; `deadlineMs` bounds each call alone.
 */
export async function requestFromRegistry<T>(
  request: RegistryRequest<T>,
  policy: RequestPolicy,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = new Deadline(policy.deadlineMs ?? 0);
  let failure: Failure | undefined;
  let attempts = 0;
  try {
    while (attempts <= policy.retries) {
      if (failure) {
        if (failure.retryAfterMs === Infinity || failure.final) break;
        try {
          await sleep(backoffMs(attempts, policy.retryBaseMs, failure.retryAfterMs), signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal);
        } catch {
          if (signal?.aborted) throw callerAbort(request, signal);
          failure = deadlineFailure(request, deadline);
          break;
        }
      }
      attempts += 1;
      const outcome = await attempt(request, policy, signal, deadline);
      if (outcome.ok) return outcome.value;
      failure = outcome.failure;
    }
  } finally {
    deadline.stop();
  }
  if (!failure) throw new Error("unreachable: no attempt was made");
  const tries = attempts > 1 ? ` (tried ${attempts} times)` : "";
  throw new PkgdiffError(failure.kind, `${failure.message}${tries}`, request.details, { cause: failure.cause });
}

function deadlineFailure(request: RegistryRequest<unknown>, deadline: Deadline): Failure {
  return { kind: "timeout", message: deadlineError(deadline.ms, request.subject, request.details).message, final: true };
}

/** The caller's abort as it is rethrown: its reason, or the 504 when the reason is the request's deadline. */
function callerAbort(request: RegistryRequest<unknown>, signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  return isDeadlineExceeded(reason) ? deadlineError(reason.ms, request.subject, request.details) : reason;
}

async function attempt<T>(request: RegistryRequest<T>, policy: RequestPolicy, signal: AbortSignal | undefined, deadline: Deadline): Promise<Outcome<T>> {
  const controller = new AbortController();
  // Why the attempt was stopped, when it was: the first reason wins.
  let stopped: "idle" | "deadline" | "caller" | undefined;
  const stop = (why: "idle" | "deadline" | "caller"): void => {
    stopped ??= why;
    controller.abort();
  };
  const timer = new InactivityTimer(policy.timeoutMs, () => stop("idle"));
  // Until the answer's headers a deadline (this call's or the request's) may end the attempt;
  // the body then has the inactivity timer: a big tarball that keeps arriving may take longer.
  let answered = false;
  const onDeadline = (): void => {
    if (!answered) stop("deadline");
  };
  const onCaller = (): void => {
    if (!(answered && isDeadlineExceeded(signal?.reason))) stop("caller");
  };
  deadline.signal.addEventListener("abort", onDeadline, { once: true });
  signal?.addEventListener("abort", onCaller, { once: true });
  if (deadline.signal.aborted) onDeadline();
  if (signal?.aborted) onCaller();
  try {
    const response = await fetchFollowingRedirects(request, policy, controller.signal);
    answered = true;
    timer.touch();
    const failure = await statusFailure(response, request);
    if (failure) return { ok: false, failure };
    return { ok: true, value: await request.read(response, () => timer.touch()) };
  } catch (error) {
    if (stopped === "caller" && signal) throw callerAbort(request, signal);
    if (isPkgdiffError(error)) throw error;
    if (stopped === "deadline") return { ok: false, failure: deadlineFailure(request, deadline) };
    if (stopped === "idle") {
      const seconds = policy.timeoutMs / 1000;
      return { ok: false, failure: { kind: "timeout", message: `The registry did not answer within ${seconds} s for ${request.subject}` } };
    }
    return {
      ok: false,
      failure: { kind: "upstream", message: `The registry could not be reached for ${request.subject} (${networkCode(error)})`, cause: error },
    };
  } finally {
    deadline.signal.removeEventListener("abort", onDeadline);
    signal?.removeEventListener("abort", onCaller);
    timer.stop();
  }
}

async function fetchFollowingRedirects<T>(
  request: RegistryRequest<T>,
  policy: RequestPolicy,
  signal: AbortSignal,
): Promise<Response> {
  let url = policy.origins.check(request.url, request.subject);
  for (let hop = 0; ; hop += 1) {
    const headers: Record<string, string> = { accept: request.accept, "user-agent": "pkgdiff" };
    if (policy.token !== undefined && policy.origins.mayReceiveToken(url)) {
      headers.authorization = `Bearer ${policy.token}`;
    }
    // Redirects are followed by hand so each hop goes through the origin check.
    const response = await policy.fetch(url, { headers, signal, redirect: "manual" });
    const location = response.headers.get("location");
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    await discardBody(response);
    if (hop >= MAX_REDIRECTS) {
      throw new PkgdiffError("upstream", `The registry redirected ${request.subject} too many times`, request.details);
    }
    url = policy.origins.check(new URL(location, url).href, request.subject);
  }
}

/** Undefined for 2xx; a retryable failure for 5xx/429; throws for answers that will not change. */
async function statusFailure<T>(response: Response, request: RegistryRequest<T>): Promise<Failure | undefined> {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  await discardBody(response);
  if (status === 404) throw request.onNotFound();
  if (status === 401 || status === 403) {
    throw new PkgdiffError(
      "upstream",
      `The registry refused access to ${request.subject} (${status}): check the registry authentication (NPM_TOKEN)`,
      request.details,
    );
  }
  if (status === 429) {
    return {
      kind: "upstream",
      message: `The registry is rate limiting requests (429) for ${request.subject}`,
      retryAfterMs: retryAfterMs(response.headers.get("retry-after")),
    };
  }
  const failure: Failure = { kind: "upstream", message: `The registry answered ${status} for ${request.subject}` };
  if (status >= 500) return failure;
  throw new PkgdiffError(failure.kind, failure.message, request.details);
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  const ms = Math.max(0, seconds * 1000);
  return ms > MAX_RETRY_AFTER_MS ? Infinity : ms;
}

/** Exponential backoff with jitter, so many clients failing together do not retry in lockstep. */
function backoffMs(attemptsSoFar: number, baseMs: number, hintMs = 0): number {
  const exponential = baseMs * 2 ** (attemptsSoFar - 1);
  return Math.max(hintMs, exponential + Math.random() * baseMs);
}

/** The system error code (ECONNRESET, ECONNREFUSED…) without the stack or internals. */
function networkCode(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && "code" in cause ? cause.code : undefined;
  return typeof code === "string" && /^[A-Z0-9_]+$/.test(code) ? code : "connection failed";
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Aborts its signal `ms` after it was made (never, for 0): one logical request's deadline. */
class Deadline {
  private readonly controller = new AbortController();
  private readonly handle: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly ms: number) {
    this.handle = ms > 0 ? setTimeout(() => this.controller.abort(), ms) : undefined;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(): void {
    clearTimeout(this.handle);
  }
}

/**
 * Fires when nothing happened for `ms`; `touch` on every sign of life
 * (headers, each chunk). Inactivity rather than a total deadline, because
 * a 200 MiB tarball may legitimately take longer than the timeout to
 * arrive while a stalled connection should fail fast.
 */
class InactivityTimer {
  private handle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {
    this.touch();
  }

  touch(): void {
    clearTimeout(this.handle);
    if (this.ms > 0) this.handle = setTimeout(this.onIdle, this.ms);
  }

  stop(): void {
    clearTimeout(this.handle);
  }
}
