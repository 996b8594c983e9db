/**
 * Security headers. Every response gets the static ones; pages also get a
 * Content-Security-Policy that allows only what the app uses: its own
 * scripts (Next's inline bootstrap scripts carry the request's nonce,
 * `strict-dynamic` lets them load the chunks), inline style attributes
 * (React `style` props), images from /raw and data: URLs, fetches to itself.
 *
 * Canonical pages are cached immutably, so a cached copy keeps the nonce it
 * was rendered with. That is still safe: the nonce is unpredictable when
 * the page is rendered, and a page's content (a published, immutable
 * package) is fixed before the nonce is drawn, so no content can be crafted
 * to carry it.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

/** The request header that tells Next (and the root layout) which nonce this page's scripts carry. */
export const NONCE_HEADER = "x-nonce";

/** 128 random bits, base64: a fresh nonce per rendered page. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    // Dev mode's fast refresh evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Paths whose responses are pages (HTML or their RSC payloads), which get the CSP. */
export function isPagePath(pathname: string): boolean {
  return !/^\/(api|raw|patch|healthz|_next)(\/|$)/.test(pathname) && !/\.(patch|txt|ico|png|svg|xml|json)$/.test(pathname);
}
