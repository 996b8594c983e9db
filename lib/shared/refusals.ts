import { PkgdiffError } from "../errors";

/** What Retry-After says when the computation queue is full, in seconds. */
export const OVERLOADED_RETRY_SECONDS = 5;

/** The 503 of a full computation queue (in-process or cluster-wide: the same words). */
export function overloadedError(retryAfter = OVERLOADED_RETRY_SECONDS): PkgdiffError {
  return new PkgdiffError("overloaded", "pkgdiff is computing as many new diffs as it can right now. Please try again in a few seconds.", {
    retryAfter,
  });
}

/** The 429 of a spent miss budget (in-process or in Redis: the same words). */
export function rateLimitedError(capacity: number, windowSeconds: number, retryAfter: number): PkgdiffError {
  return new PkgdiffError(
    "rate_limited",
    `You have asked for ${capacity} new ${capacity === 1 ? "diff" : "diffs"} in ${windowSeconds} seconds, the most one client may. Diffs already computed are not limited.`,
    { retryAfter },
  );
}

/** What Retry-After says while the service is read-only, in seconds. */
const READ_ONLY_RETRY_SECONDS = 300;

/** The 503 of read-only mode: what is cached is served, nothing new is computed or fetched. */
export function readOnlyError(): PkgdiffError {
  return new PkgdiffError(
    "read_only",
    "pkgdiff is in maintenance: diffs already computed are served, new ones are not. Please try again in a few minutes.",
    { retryAfter: READ_ONLY_RETRY_SECONDS },
  );
}

/**
 * Whose budget an address spends: an IPv4 address is one client; an IPv6
 * address counts as its /64, which one subscriber gets whole (and could
 * otherwise rotate through for a fresh budget per request).
 */
export function budgetKey(address: string): string {
  if (!address.includes(":")) return address;
  const lower = address.toLowerCase();
  const [head = "", tail] = lower.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  // An embedded IPv4 tail ("::ffff:1.2.3.4") fills two groups.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const groups =
    tail === undefined ? headGroups : [...headGroups, ...Array<string>(Math.max(0, 8 - width(headGroups) - width(tailGroups))).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
