/**
 * The per-request state that scripts/server.mjs keeps in an
 * AsyncLocalStorage (on globalThis, since the server and Next's bundles are
 * separate module graphs): the app marks a response that must not be
 * replayed from the server's response cache — a page whose rendering failed
 * after its 200 head and immutable headers had gone out.
 */
const SCOPE = Symbol.for("pkgdiff.responseScope");

interface ResponseState {
  uncacheable: boolean;
}

type WithScope = typeof globalThis & { [SCOPE]?: { getStore(): ResponseState | undefined } };

/** Keeps this request's response out of the response cache (no-op outside scripts/server.mjs). */
export function markUncacheable(): void {
  const state = (globalThis as WithScope)[SCOPE]?.getStore();
  if (state) state.uncacheable = true;
}
