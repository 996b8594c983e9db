import { type NextRequest, NextResponse } from "next/server";
import { browseGate } from "@/lib/endpoints/browse-gate";
import { diffGate } from "@/lib/endpoints/diff-gate";
import type { Gate } from "@/lib/endpoints/gate";
import { diffsGate } from "@/lib/endpoints/diffs-gate";
import type { Ecosystem } from "@/lib/registry/ecosystem";
import { IMMUTABLE, matchesEtag, SHORT_LIVED } from "@/lib/http/headers";
import { SURROGATE_KEY_HEADER } from "@/lib/http/surrogate-keys.mjs";
import { encodeProblem, PROBLEM_HEADER, toProblem } from "@/lib/http/problem";
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from "@/lib/http/security";
import { ecosystemForPath } from "@/lib/registry/ecosystems";
import { canonicalQuery, PAGE_QUERY_KEYS } from "@/lib/routes/query";
import { contextFrom, markCache, type RequestContext } from "@/lib/service/request-context";
import { config as appConfig } from "@/lib/config.mjs";
import { ProgressFeed, progressPage, settlesWithin } from "@/lib/endpoints/progress-page";
import { isWarmUpRequest } from "@/lib/readiness/warm-up-token";

/**
 * Pages cannot choose their HTTP status (only 200, 404 and redirects), so the
 * proxy resolves and fetches first: bad URL → 400, unknown package or version
 * → 404, registry failure → 502/504, tags and ranges → 307 to the canonical
 * URL, too much new work → 429/503. Only when all of that succeeded does the
 * page render, from the warm cache. A diff not cached yet that takes longer
 * than PROGRESS_AFTER_MS (lib/config.mjs) gets a progress page instead (200, no-store), which
 * reloads into the diff once it is ready. Every registry wait of a request
 * shares one deadline (REGISTRY_DEADLINE_MS); a client that goes away stops
 * its share of the work. Each page family has a gate in lib/http;
 * the ecosystem is the path's prefix (none for npm, `/hex/…`), and the
 * families are looked up in the path after it.
 * Pages leave here with a CSP whose nonce Next puts on their scripts (the
 * headers every response gets are in next.config.js).
 */
const GATES: { prefix: string; gate: Gate; query: readonly string[] | null }[] = [
  { prefix: "/diff/", gate: diffGate, query: PAGE_QUERY_KEYS.diff },
  { prefix: "/browse/", gate: browseGate, query: PAGE_QUERY_KEYS.browse },
  // Its entries repeat one key: the gate itself redirects to the canonical query.
  { prefix: "/diffs", gate: diffsGate, query: null },
];

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { ecosystem, path } = ecosystemForPath(request.nextUrl.pathname);
  // Raw files never pass through a page's proxy (the matcher keeps them away; so does this).
  if (path.startsWith("/raw/")) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.delete(PROBLEM_HEADER); // only the proxy may set these
  headers.delete(NONCE_HEADER);
  const isPatch = path.startsWith("/diff/") && path.endsWith(".patch");
  let csp: string | undefined;
  if (!isPatch) {
    const nonce = newNonce();
    csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
    headers.set(NONCE_HEADER, nonce);
    headers.set("content-security-policy", csp); // where Next looks for the nonce
  }
  const response = await route(request, headers, isPatch, ecosystem, path);
  // A 304 must not carry a new policy: the browser would pair it with the cached page's old nonce.
  if (csp && response.status !== 304) response.headers.set("content-security-policy", csp);
  return response;
}

/** Where the proxy rewrites `.patch` URLs: reached only through that rewrite (rewrites skip the proxy). */
const PATCH_TARGET = "/patch/";

async function route(request: NextRequest, headers: Headers, isPatch: boolean, ecosystem: Ecosystem, path: string): Promise<NextResponse> {
  const { pathname, search, searchParams } = request.nextUrl;
  if (isPatch) {
    // Patches are a route handler (they choose their own status); a page can't share the path.
    const url = request.nextUrl.clone();
    url.pathname = `${ecosystem.urlPrefix}${PATCH_TARGET}${path.slice("/diff/".length)}`;
    return NextResponse.rewrite(url, { request: { headers } });
  }
  if (path.startsWith(PATCH_TARGET)) {
    // Asked for directly: a second, unchecked address for every patch. The problem page
    // without a problem (the header was dropped above) is the app's 404.
    return NextResponse.rewrite(new URL("/problem", request.url), { status: 404, request: { headers } });
  }
  const entry = GATES.find((g) => path.startsWith(g.prefix));
  // The server's own warm-up render (lib/readiness/warm-up-page.ts) needs no registry: no gate.
  if (!entry || isWarmUpRequest(path, request.headers)) return NextResponse.next({ request: { headers } });
  // Unknown parameters redirect away (Next's own client navigations, RSC requests, are left alone).
  const canonical = entry.query ? canonicalQuery(searchParams, entry.query) : search;
  if (canonical !== search && !request.headers.get("rsc")) {
    return redirectTo(new URL(`${pathname}${canonical}`, request.url));
  }
  // The progress page's reader going away ends the request as the client's going away does.
  const pageGone = new AbortController();
  const context = contextFrom(request.headers, AbortSignal.any([request.signal, pageGone.signal]));
  const feed = new ProgressFeed();
  context.onProgress = feed.push;
  try {
    const result = await entry.gate(ecosystem, path, search, searchParams, context);
    if (result.type === "redirect") return redirectTo(new URL(result.location, request.url), result.keys);
    const cacheControl = result.cache === "immutable" ? IMMUTABLE : SHORT_LIVED;
    // Weak: each rendering carries its own CSP nonce, so equal pages aren't equal bytes.
    // The page and its RSC payload (client navigations) share a URL but not content.
    const etag = result.etag && `W/${request.headers.get("rsc") ? `${result.etag.slice(0, -1)}-rsc"` : result.etag}`;
    if (etag && matchesEtag(request.headers.get("if-none-match"), etag)) {
      return withKeys(new NextResponse(null, { status: 304, headers: { etag, "cache-control": cacheControl } }), result.keys);
    }
    if (result.prepare) {
      const prepared = result.prepare();
      if (result.progress && showsProgress(request) && !(await settlesWithin(prepared, appConfig().progressAfterMs))) {
        return progressResponse(result.progress.title, feed, prepared, pageGone, context);
      }
      await prepared;
    }
    const response = NextResponse.next({ request: { headers } });
    markCache(response.headers, context);
    response.headers.set("cache-control", cacheControl);
    if (etag) response.headers.set("etag", etag);
    return withKeys(response, result.keys);
  } catch (error) {
    const family = entry.prefix === "/browse/" ? ("browse" as const) : ("diff" as const);
    const problem = { ...toProblem(error), family, prefix: ecosystem.urlPrefix };
    if (problem.status === 500) console.error(error);
    headers.set(PROBLEM_HEADER, encodeProblem(problem));
    const response = NextResponse.rewrite(new URL("/problem", request.url), { status: problem.status, request: { headers } });
    response.headers.set("cache-control", "no-store");
    if (problem.retryAfter) response.headers.set("retry-after", String(problem.retryAfter));
    return response;
  }
}

/**
 * Only a browser opening the page (it asks for HTML) gets the progress page. Client
 * navigations (RSC) can only take the page itself, and scripts (curl asks for any type)
 * keep getting the answer with its real status; both wait as before.
 */
function showsProgress(request: NextRequest): boolean {
  return !request.headers.get("rsc") && (request.headers.get("accept") ?? "").includes("text/html");
}

/** The streamed progress page (lib/endpoints/progress-page.ts); its CSP is set by `proxy` like any page's. */
function progressResponse(title: string, feed: ProgressFeed, prepared: Promise<void>, pageGone: AbortController, context: RequestContext): NextResponse {
  const body = progressPage({ title, feed, done: prepared, onCancel: () => pageGone.abort() });
  const response = new NextResponse(body, { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  markCache(response.headers, context);
  return response;
}

function redirectTo(url: URL, keys?: string): NextResponse {
  const response = NextResponse.redirect(url, 307);
  response.headers.set("cache-control", SHORT_LIVED);
  return withKeys(response, keys);
}

/** A page about one package carries its surrogate keys, for Varnish's purges (deploy/varnish). */
function withKeys(response: NextResponse, keys: string | undefined): NextResponse {
  if (keys) response.headers.set(SURROGATE_KEY_HEADER, keys);
  return response;
}

export const config = {
  // Pages only (and `.patch`, under /diff/): APIs, card images, raw files, /healthz, /readyz and
  // static files skip the proxy: through it, a static file was served at a fifth of its speed. A
  // prefixed ecosystem's raw files (`/<ecosystem>/raw/`) skip it too; `/diff/raw/…` and
  // `/browse/raw/…` are npm's package "raw" and stay.
  matcher: ["/((?!api/|og/|raw/|(?!diff/|browse/|patch/)[^/]+/raw/|_next/|healthz$|readyz$|robots\\.txt$|favicon\\.ico$).*)"],
};
