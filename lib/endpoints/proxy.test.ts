import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { proxy } from "../../proxy";
import { rawEndpoint } from "../browse/raw-endpoint";
import { getRequest, withAppEnv } from "../testing/app-env";
import { decodeProblem, PROBLEM_HEADER } from "../http/problem";
import { NONCE_HEADER } from "../http/security";
import { WARM_UP_HEADER, WARM_UP_PAGE_PATH, warmUpToken } from "../readiness/warm-up-token";

// Read on the first getService(): two misses per minute per client, for the rate-limit test.
process.env.RATE_LIMIT_MISSES = "2";
withAppEnv();

const call = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${path}`, { headers }));

/** A request header as the proxy hands it on to the page (Next's `x-middleware-request-*` convention). */
const forwarded = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name}`);

function scriptNonce(csp: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
}

describe("proxy security headers", () => {
  it("gives a page a CSP whose nonce is passed on to the page, fresh for each request", async () => {
    const first = await call("/");
    const csp = first.headers.get("content-security-policy");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const nonce = scriptNonce(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(forwarded(first, NONCE_HEADER)).toBe(nonce);
    expect(forwarded(first, "content-security-policy")).toBe(csp);
    expect(scriptNonce((await call("/")).headers.get("content-security-policy"))).not.toBe(nonce);
  });

  it("gives a patch (a route handler under /diff/) no page CSP", async () => {
    const response = await call("/diff/demo-pkg/1.0.0..1.1.0.patch");
    expect(response.headers.get("content-security-policy")).toBeNull();
    expect(response.headers.get("x-middleware-rewrite")).toContain("/patch/demo-pkg/1.0.0..1.1.0.patch");
  });

  it("answers the patch route's internal address with a 404, not a patch", async () => {
    for (const path of ["/patch/demo-pkg/1.0.0..1.1.0.patch", "/patch/demo-pkg/1.0.0..1.1.0"]) {
      const response = await call(path);
      expect(response.status).toBe(404);
      expect(response.headers.get("x-middleware-rewrite")).toMatch(/\/problem$/);
      expect(forwarded(response, PROBLEM_HEADER)).toBeNull();
    }
  });

  it("never trusts a nonce or a problem sent by the client", async () => {
    const response = await call("/", { [NONCE_HEADER]: "chosen-by-attacker", [PROBLEM_HEADER]: "%7B%7D" });
    expect(forwarded(response, NONCE_HEADER)).not.toBe("chosen-by-attacker");
    expect(forwarded(response, PROBLEM_HEADER)).toBeNull();
    const patch = await call("/diff/demo-pkg/1.0.0..1.1.0.patch", { [NONCE_HEADER]: "x", [PROBLEM_HEADER]: "%7B%7D" });
    expect(forwarded(patch, NONCE_HEADER)).toBeNull();
    expect(forwarded(patch, PROBLEM_HEADER)).toBeNull();
  });
});

describe("proxy caching headers", () => {
  it("answers a canonical page with a weak ETag, immutable, and 304 without a new CSP", async () => {
    const page = await call("/diff/demo-pkg/1.0.0..1.1.0");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = page.headers.get("etag");
    expect(etag).toMatch(/^W\/"/);
    const again = await call("/diff/demo-pkg/1.0.0..1.1.0", { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("content-security-policy")).toBeNull();
    // The RSC payload of the same URL is another representation: another ETag.
    const rsc = await call("/diff/demo-pkg/1.0.0..1.1.0", { rsc: "1", "if-none-match": etag! });
    expect(rsc.status).toBe(200);
    expect(rsc.headers.get("etag")).not.toBe(etag);
  });

  it("redirects unknown query parameters away, so they can't mint new immutable pages", async () => {
    const noisy = await call("/diff/demo-pkg/1.0.0..1.1.0?utm_source=x&view=split&cachebust=7&view=unified");
    expect(noisy.status).toBe(307);
    expect(new URL(noisy.headers.get("location")!).search).toBe("?view=split");
    expect(noisy.headers.get("cache-control")).toBe("public, max-age=300");
    const browse = await call("/browse/browse-pkg/2.0.0/README.md?plain=1&x=1");
    expect(new URL(browse.headers.get("location")!).pathname + new URL(browse.headers.get("location")!).search).toBe(
      "/browse/browse-pkg/2.0.0/README.md?plain=1",
    );
    // Next's client navigations (RSC requests) carry their own `_rsc` parameter: never redirected.
    const rsc = await call("/diff/demo-pkg/1.0.0..1.1.0?view=split&_rsc=abc", { rsc: "1" });
    expect(rsc.status).toBe(200);
  });

  it("reports whether a page needed new work", async () => {
    const miss = await call("/diff/demo-pkg/1.1.0..1.2.0");
    expect(miss.headers.get("x-pkgdiff-cache")).toBe("miss");
    const hit = await call("/diff/demo-pkg/1.1.0..1.2.0");
    expect(hit.headers.get("x-pkgdiff-cache")).toBe("hit");
  });

  it("redirects tags short-lived, and sends errors uncached with their status", async () => {
    const redirect = await call("/diff/demo-pkg/1.0.0..latest");
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("cache-control")).toBe("public, max-age=300");
    const missing = await call("/diff/demo-pkg/1.0.0..9.9.9");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    expect(decodeProblem(forwarded(missing, PROBLEM_HEADER))?.kind).toBe("version_not_found");
  });
});

describe("proxy and the warm-up's page", () => {
  it("lets the server's own warm-up request through without its gate, and only that", async () => {
    const token = { [WARM_UP_HEADER]: warmUpToken() };
    const own = await call(WARM_UP_PAGE_PATH, token);
    expect(own.headers.get("x-middleware-next")).toBe("1"); // on to the page, no registry asked
    expect(own.headers.get("x-pkgdiff-cache")).toBeNull();
    // Without the token the same URL is an ordinary diff URL: the fixture registry has no such package.
    const stranger = await call(WARM_UP_PAGE_PATH, { [WARM_UP_HEADER]: "0".repeat(32) });
    expect(stranger.status).toBe(404);
    expect(decodeProblem(forwarded(stranger, PROBLEM_HEADER))?.kind).toBe("not_found");
    const hex = await call(`/hex${WARM_UP_PAGE_PATH}`, token);
    expect(hex.headers.get("x-middleware-next")).toBe("1");
    // The token opens no other page's gate.
    const elsewhere = await call("/diff/demo-pkg/1.0.0..9.9.9", token);
    expect(elsewhere.status).toBe(404);
    expect(decodeProblem(forwarded(elsewhere, PROBLEM_HEADER))?.kind).toBe("version_not_found");
  });
});

describe("proxy admission", () => {
  it("limits one client's uncached pages with 429 + Retry-After, never its cached ones", async () => {
    const client = { "x-pkgdiff-client": "198.51.100.4" };
    expect((await call("/diff/demo-pkg/1.0.0..1.2.0", client)).status).toBe(200);
    expect((await call("/browse/demo-pkg/2.0.0-rc.1", client)).status).toBe(200);
    const limited = await call("/diff/demo-pkg/1.2.0..2.0.0-rc.1", client);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("cache-control")).toBe("no-store");
    expect(decodeProblem(forwarded(limited, PROBLEM_HEADER))?.message).toMatch(/new diffs/);
    expect((await call("/diff/demo-pkg/1.0.0..1.2.0", client)).status).toBe(200);
    expect((await call("/diff/demo-pkg/1.2.0..2.0.0-rc.1", { "x-pkgdiff-client": "198.51.100.5" })).status).toBe(200);
  });

  it("counts raw files of uncached versions as misses too", async () => {
    const client = { "x-pkgdiff-client": "198.51.100.6" };
    const raw = (version: string) => rawEndpoint(getRequest(`/raw/browse-pkg/${version}/package.json`, client), npmEcosystem);
    expect((await raw("1.0.0")).status).toBe(200);
    expect((await raw("2.0.0")).status).toBe(200);
    expect((await raw("1.0.0")).status).toBe(200); // cached: free
    const limited = await call("/diff/demo-pkg/1.0.0..2.0.0-rc.1", client);
    expect(limited.status).toBe(429);
  });
});
