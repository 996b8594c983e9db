/**
 * Who the client is, as the rate limiter and the logs may trust it: the
 * socket's address, or behind N proxies (`TRUST_PROXY=N`) the N-th
 * X-Forwarded-For entry from the right. proxy-addr walks the hops; the
 * address is then normalised here (IPv6 lower-cased, `::ffff:a.b.c.d` →
 * `a.b.c.d`). IPv6 clients share a budget per /64: that bucketing is the
 * rate limiter's (lib/shared/refusals.ts `budgetKey`).
 */
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";

/** The request header the app reads the client from (lib/service/request-context.ts). */
export const CLIENT_HEADER = "x-pkgdiff-client";

/**
 * `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) → `1.2.3.4`; IPv6 lower-cased.
 *
 * @param {string} address
 * @returns {string}
 */
export function normaliseIp(address) {
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  return mapped?.[1] ?? lower;
}

/**
 * One X-Forwarded-For element: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`,
 * `[2001:db8::1]:80`, optionally quoted; else null.
 *
 * @param {string} token
 * @returns {string | null}
 */
export function parseForwardedAddress(token) {
  const value = token.trim().replace(/^"(.*)"$/, "$1");
  if (isIP(value)) return normaliseIp(value);
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1] && isIP(bracketed[1]) === 6) return normaliseIp(bracketed[1]);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (withPort?.[1] && isIP(withPort[1]) === 4) return withPort[1];
  return null;
}

/**
 * The socket's address, or with `trustProxy` = N the X-Forwarded-For entry
 * the outermost of our N proxies appended (N-th from the right). Entries
 * left of it are whatever the client sent, and proxies append rather than
 * overwrite, so they are never believed. With fewer than N entries, or an
 * entry that is no address, the request did not come through our proxies
 * as configured: the socket's address is all that is known.
 *
 * @param {import("node:http").IncomingMessage} req
 * @param {number} trustProxy
 * @returns {string}
 */
export function clientAddress(req, trustProxy) {
  if (trustProxy > 0) {
    // [socket, rightmost entry, …], cut after the first hop not trusted: the hop count says
    // the socket and the N-1 entries right of the client's were written by our proxies.
    const hops = proxyaddr.all(req, (_address, i) => i < trustProxy);
    const entry = hops.length > trustProxy ? hops[trustProxy] : undefined;
    const address = entry === undefined ? null : parseForwardedAddress(entry);
    if (address) return address;
  }
  const remote = req.socket.remoteAddress;
  return remote ? normaliseIp(remote) : "unknown";
}

/**
 * Replaces every client-sent `x-pkgdiff-client` (raw and parsed headers alike) with ours.
 *
 * @param {import("node:http").IncomingMessage} req
 * @param {string} client
 */
export function setClientHeader(req, client) {
  const raw = req.rawHeaders;
  /** @type {string[]} */
  const kept = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = /** @type {string} */ (raw[i]);
    if (name.toLowerCase() !== CLIENT_HEADER) kept.push(name, /** @type {string} */ (raw[i + 1]));
  }
  kept.push(CLIENT_HEADER, client);
  req.rawHeaders = kept;
  delete req.headers[CLIENT_HEADER];
  req.headers[CLIENT_HEADER] = client;
}
