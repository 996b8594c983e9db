/**
 * The page Content-Security-Policy (the headers every response gets are in
 * next.config.js). It allows only what the app uses: its own scripts
 * (Next's inline bootstrap scripts carry the request's nonce,
 * `strict-dynamic` lets them load the chunks), inline style attributes
 * (React `style` props), images from /raw, data: URLs and any https host
 * (README badges and logos; lib/browse/markdown only lets https ones in),
 * fetches to itself.
 *
 * Canonical pages are cached immutably, so a cached copy keeps the nonce it
 * was rendered with. That is still safe: the nonce is unpredictable when
 * the page is rendered, and a page's content (a published, immutable
 * package) is fixed before the nonce is drawn, so no content can be crafted
 * to carry it.
 */

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
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
