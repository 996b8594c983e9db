/**
 * An in-process cache of whole immutable responses, in front of Next.
 *
 * Canonical diff, patch and browse responses never change (PRODUCT.md), yet
 * Next renders a page again for every request: 40–60 ms of CPU for a
 * medium diff page. Here a `200` whose `Cache-Control` says `immutable` is
 * kept as sent (head and body, after compression) and replayed byte for
 * byte, as a CDN would; `If-None-Match` is answered with `304` from it.
 * The page's CSP nonce is replayed with it: safe for the same reason a CDN
 * copy is (see lib/http/security.ts).
 *
 * Only plain GET/HEAD requests are served or stored: none with a Range, and
 * none of Next's client-navigation requests (RSC payloads vary on those
 * headers). Entries are keyed by URL and Accept-Encoding and bounded in
 * bytes, least recently used first (lib/cache/lru.mjs).
 */

import { LruCache } from "../lib/cache/lru.mjs";
import { matchesEtag } from "../lib/http/etag-match.mjs";
import { SURROGATE_KEY_HEADER } from "../lib/http/surrogate-keys.mjs";

/** Request headers that select another representation of the same URL (Next's `Vary`). */
const VARYING = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "range", "authorization"];

/** Hop-by-hop or per-response headers that are not replayed. */
const NOT_REPLAYED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "x-pkgdiff-cache"]);

/**
 * What a 304 repeats of the stored head (never the CSP: the client's copy may hold another nonce).
 * The surrogate keys too: a Varnish in front revalidating its copy keeps them.
 */
const ON_304 = new Set(["etag", "cache-control", "vary", SURROGATE_KEY_HEADER, "x-content-type-options", "referrer-policy", "x-frame-options", "cross-origin-opener-policy"]);

export class ResponseCache {
  /**
   * @param {{ maxBytes: number, maxEntryBytes?: number }} options
   */
  constructor({ maxBytes, maxEntryBytes = Math.min(32 * 1024 * 1024, Math.floor(maxBytes / 8)) }) {
    this.maxBytes = maxBytes;
    this.maxEntryBytes = maxEntryBytes;
    /** @type {LruCache<string, { headers: [string, string][], body: Buffer, etag: string | undefined, size: number }>} */
    this.entries = new LruCache({ maxBytes, maxEntryBytes, sizeOf: (entry) => entry.size });
  }

  /** Bytes held now. */
  get bytes() {
    return this.entries.bytes;
  }

  /** Answers `req` from the cache when it can; true when it did. */
  serve(req, res) {
    const key = this.keyFor(req);
    if (key === undefined) return false;
    const entry = this.entries.get(key);
    if (!entry) return false;
    // appendHeader keeps repeated headers (Link, Vary…) whole, also next to headers the server set
    // already (`connection: close` while shutting down), where writeHead(status, array) keeps the last.
    const send = (status, headers) => {
      for (const [name, value] of headers) res.appendHeader(name, value);
      res.setHeader("x-pkgdiff-cache", "hit");
      res.writeHead(status);
    };
    if (entry.etag && matchesEtag(req.headers["if-none-match"], entry.etag)) {
      send(304, entry.headers.filter(([name]) => ON_304.has(name)));
      res.end();
      return true;
    }
    send(200, [...entry.headers, ["content-length", String(entry.body.length)]]);
    res.end(req.method === "HEAD" ? undefined : entry.body);
    return true;
  }

  /**
   * Watches the app's response to `req`, and keeps it once it has finished
   * if it is immutable and `state.uncacheable` was not set meanwhile.
   */
  capture(req, res, state = { uncacheable: false }) {
    if (req.method !== "GET") return;
    const key = this.keyFor(req);
    if (key === undefined) return;
    /** @type {Buffer[] | undefined} */
    let chunks = [];
    let size = 0;
    const collect = (chunk, encoding) => {
      if (!chunks || chunk === undefined || chunk === null || typeof chunk === "function") return;
      // Decided once the head is out: a response that can't be kept is not copied at all.
      if (size === 0 && chunks.length === 0 && !keepable(res)) {
        chunks = undefined;
        return;
      }
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
      size += buffer.length;
      if (size > this.maxEntryBytes) chunks = undefined; // too big to keep: stop copying
      else chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function capturedWrite(chunk, encoding, callback) {
      collect(chunk, encoding);
      return write.call(this, chunk, encoding, callback);
    };
    res.end = function capturedEnd(chunk, encoding, callback) {
      collect(chunk, encoding);
      return end.call(this, chunk, encoding, callback);
    };
    res.once("finish", () => {
      if (!chunks || state.uncacheable || !keepable(res)) return;
      const headers = sentHeaders(res).filter(([name]) => !NOT_REPLAYED.has(name));
      this.store(key, { headers, body: Buffer.concat(chunks), etag: headerOf(res, "etag") });
    });
  }

  /** URL + Accept-Encoding, or undefined for a request this cache leaves alone. */
  keyFor(req) {
    if (req.method !== "GET" && req.method !== "HEAD") return undefined;
    if (req.url.startsWith("/_next/")) return undefined; // build assets: Next serves them from disk, cheaply
    for (const name of VARYING) if (req.headers[name] !== undefined) return undefined;
    const encoding = String(req.headers["accept-encoding"] ?? "").toLowerCase().replace(/\s+/g, "");
    return `${req.url}\0${encoding}`;
  }

  store(key, entry) {
    this.entries.set(key, { ...entry, size: entry.body.length + 64 * entry.headers.length + key.length });
  }
}

/** A 200 whose head (as set so far, or as sent) says immutable and sets no cookie. */
function keepable(res) {
  return res.statusCode === 200 && /\bimmutable\b/.test(headerOf(res, "cache-control") ?? "") && headerOf(res, "set-cookie") === undefined;
}

/**
 * One response header, as sent once the head is out (headers given only to
 * writeHead() are in no other place), else as set so far; undefined when absent.
 */
export function headerOf(res, name) {
  if (res.headersSent) return sentHeaders(res).find(([n]) => n === name)?.[1];
  const value = res.getHeader(name);
  return value === undefined ? undefined : Array.isArray(value) ? value.join(", ") : String(value);
}

/** The head as sent (`res._header`, which also holds headers given only to writeHead), as lower-case pairs. */
function sentHeaders(res) {
  const head = typeof res._header === "string" ? res._header : "";
  const pairs = [];
  for (const line of head.split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) pairs.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return pairs;
}
