import { randomBytes, timingSafeEqual } from "node:crypto";
import { processGlobal } from "../cache/process-global";

/**
 * Who may see the warm-up's diff page (warm-up-page.ts): the server's own
 * request at start, which carries this process's random token in a
 * header. Apart from the rest so the proxy can check it without loading
 * the diff engine.
 */
export const WARM_UP_HEADER = "x-pkgdiff-warm-up";
/** The user agent of the server's requests to itself at start (scripts/server.mjs sends it to `/readyz`). */
export const WARM_UP_USER_AGENT = "pkgdiff-warm-up";

/** This process's token (random; it leaves the process only in its request to itself). */
export function warmUpToken(): string {
  return processGlobal("pkgdiff.warmUpToken", () => randomBytes(16).toString("hex"));
}

/** Whether a request carries this process's warm-up token. */
export function isWarmUpRequest(headers: Headers): boolean {
  const given = Buffer.from(headers.get(WARM_UP_HEADER) ?? "");
  const token = Buffer.from(warmUpToken());
  return given.length === token.length && timingSafeEqual(given, token);
}
