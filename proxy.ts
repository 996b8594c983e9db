import { type NextRequest, NextResponse } from "next/server";
import { etagFor, getBuildId, IMMUTABLE, matchesEtag, SHORT_LIVED } from "@/lib/http/headers";
import { encodeProblem, PROBLEM_HEADER, toProblem } from "@/lib/http/problem";
import { parseDiffOptions } from "@/lib/routes/diff-options";
import { parseDiffSegments } from "@/lib/routes/diff-path";
import { resolveDiffRoute } from "@/lib/service/resolve-diff";
import { getService } from "@/lib/service/instance";

/**
 * Pages cannot choose their HTTP status (only 200, 404 and redirects), so the
 * proxy resolves and fetches first: bad URL → 400, unknown package or version
 * → 404, registry failure → 502/504, tags and ranges → 307 to the canonical
 * URL. Only when all of that succeeded does the page render, from the warm cache.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  headers.delete(PROBLEM_HEADER); // only the proxy may set it
  if (!pathname.startsWith("/diff/")) return NextResponse.next({ request: { headers } });
  if (pathname.endsWith(".patch")) {
    // Patches are a route handler (they choose their own status); a page can't share the path.
    const url = request.nextUrl.clone();
    url.pathname = `/patch/${pathname.slice("/diff/".length)}`;
    return NextResponse.rewrite(url, { request: { headers } });
  }
  try {
    return await diffPage(request, pathname, search, headers);
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status === 500) console.error(error);
    headers.set(PROBLEM_HEADER, encodeProblem(problem));
    const response = NextResponse.rewrite(new URL("/problem", request.url), {
      status: problem.status,
      request: { headers },
    });
    response.headers.set("cache-control", "no-store");
    if (problem.retryAfter) response.headers.set("retry-after", String(problem.retryAfter));
    return response;
  }
}

async function diffPage(request: NextRequest, pathname: string, search: string, headers: Headers) {
  const route = parseDiffSegments(pathname.slice("/diff/".length).split("/"));
  const service = getService();
  if (route.kind === "versions") {
    await service.getPackage(route.name); // 404 before the page renders
    return NextResponse.next({ request: { headers } });
  }
  const options = parseDiffOptions(request.nextUrl.searchParams);
  const resolved = await resolveDiffRoute(service.registry, route, search);
  if (resolved.type === "redirect") {
    const response = NextResponse.redirect(new URL(resolved.location, request.url), 307);
    response.headers.set("cache-control", SHORT_LIVED);
    return response;
  }
  const etag = etagFor(getBuildId(), resolved.name, resolved.from, resolved.to, search);
  if (matchesEtag(request.headers.get("if-none-match"), etag)) {
    return new NextResponse(null, { status: 304, headers: { etag, "cache-control": IMMUTABLE } });
  }
  // Fetch, verify and diff now, so failures get their status; the page then reads the cache.
  await service.getDiff(resolved.name, resolved.from, resolved.to, { ignoreWhitespace: options.ignoreWhitespace });
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("cache-control", IMMUTABLE);
  response.headers.set("etag", etag);
  return response;
}

export const config = {
  matcher: ["/diff/:path*", "/problem"],
};
