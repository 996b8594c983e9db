/**
 * The app behind the response cache (scripts/response-cache.mjs): a plain
 * request for an immutable response seen before is replayed without the
 * app; any other runs the app, inside the per-request scope the app can
 * reach (lib/http/response-scope.ts) to keep a response out of the cache.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { ResponseCache } from "../response-cache.mjs";

/** @typedef {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<unknown>} Handler */

/** Where lib/http/response-scope.ts finds the scope: the server and Next's bundles are separate module graphs. */
const SCOPE = Symbol.for("pkgdiff.responseScope");

/**
 * The process's response scope, created on first use.
 *
 * @returns {AsyncLocalStorage<{ uncacheable: boolean }>}
 */
function responseScope() {
  const holder = /** @type {Record<symbol, AsyncLocalStorage<{ uncacheable: boolean }> | undefined>} */ (globalThis);
  holder[SCOPE] ??= new AsyncLocalStorage();
  return holder[SCOPE];
}

/**
 * `handle` with a cache of `maxBytes` of whole responses in front (none when 0).
 *
 * @param {Handler} handle
 * @param {number} maxBytes
 * @returns {Handler}
 */
export function withReplay(handle, maxBytes) {
  const responses = maxBytes > 0 ? new ResponseCache({ maxBytes }) : null;
  const scope = responseScope();
  return async (req, res) => {
    if (responses?.serve(req, res)) return;
    // `uncacheable`: a page whose rendering failed after its head went out must not be replayed.
    const state = { uncacheable: false };
    responses?.capture(req, res, state);
    return scope.run(state, () => handle(req, res));
  };
}
