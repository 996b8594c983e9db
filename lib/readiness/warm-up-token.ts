import { randomBytes } from "node:crypto";
import { processGlobal } from "../cache/process-global";
import { sameSecret } from "../http/same-secret";

/**
 * Who may see the warm-up's diff page (warm-up-page.ts): the server's own
 * request at start, which carries this process's random token in a
 * header, for that one path. Apart from the rest so the proxy can check it
 * without loading the diff engine.
 */
export const WARM_UP_HEADER = "x-pkgdiff-warm-up";
/** The warm-up's diff page within an ecosystem's URLs (after its prefix): an ordinary diff URL for anyone without the token. */
export const WARM_UP_PAGE_PATH = "/diff/warm_up/1.0.0..1.1.0";

/** The warm-up's diff page under an ecosystem's URL prefix ("" for npm, "/hex"). */
export function warmUpPagePath(urlPrefix: string): string {
  return `${urlPrefix}${WARM_UP_PAGE_PATH}`;
}

/** This process's token (random; it leaves the process only in its request to itself). */
export function warmUpToken(): string {
  return processGlobal("pkgdiff.warmUpToken", () => randomBytes(16).toString("hex"));
}

/**
 * Whether a request is the warm-up's own: this process's token, on the
 * warm-up page's path (`path`: within its ecosystem's URLs, after the prefix).
 */
export function isWarmUpRequest(path: string, headers: Headers): boolean {
  return path === WARM_UP_PAGE_PATH && sameSecret(headers.get(WARM_UP_HEADER) ?? "", warmUpToken());
}

/** isWarmUpRequest for a diff route's `[...slug]` (the segments after `/diff/`). */
export function isWarmUpSlug(slug: readonly string[], headers: Headers): boolean {
  return isWarmUpRequest(`/diff/${slug.join("/")}`, headers);
}

/**
 * Where this process's server listens (`http://127.0.0.1:3000`), as
 * scripts/server.mjs records it once it listens; undefined under `next dev`
 * and in tests, where no page is rendered in the warm-up.
 */
export function serverOrigin(): string | undefined {
  return processGlobal<string | undefined>("pkgdiff.serverOrigin", () => undefined);
}
