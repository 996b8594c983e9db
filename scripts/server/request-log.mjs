/**
 * The per-request log line, written when the response has finished or the
 * client went away:
 *   {"time":"…","event":"request","method":"GET","path":"/diff/…","status":200,
 *    "durationMs":505.9,"bytes":7635,"cache":"miss","client":"203.0.113.9",
 *    "userAgent":"curl/8.5.0","aborted":false}
 * `bytes` counts the body as sent (compressed when it was); `cache` is the
 * response's `x-pkgdiff-cache` header or null. An aborted request has
 * `"aborted":true`, `status` null when no headers went out, and `bytes` as
 * far as it got.
 */
import { headerOf } from "../response-cache.mjs";
import { msSince } from "./log.mjs";

const CACHE_HEADER = "x-pkgdiff-cache";

/**
 * @param {unknown} chunk
 * @param {unknown} encoding
 * @returns {number}
 */
function chunkBytes(chunk, encoding) {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return 0;
  if (typeof chunk === "string") return Buffer.byteLength(chunk, typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8");
  const length = /** @type {{ byteLength?: unknown }} */ (chunk).byteLength;
  return typeof length === "number" ? length : 0;
}

/**
 * Counts the body bytes handed to the connection (after Next's compression,
 * which wraps these same methods later). Headers and chunk framing are not counted.
 *
 * @param {import("node:http").ServerResponse} res
 * @returns {() => number} the bytes so far
 */
function countBodyBytes(res) {
  let bytes = 0;
  const write = res.write;
  const end = res.end;
  /** @type {any} */ (res).write = function countedWrite(/** @type {any[]} */ ...args) {
    bytes += chunkBytes(args[0], args[1]);
    return write.apply(this, /** @type {any} */ (args));
  };
  /** @type {any} */ (res).end = function countedEnd(/** @type {any[]} */ ...args) {
    bytes += chunkBytes(args[0], args[1]);
    return end.apply(this, /** @type {any} */ (args));
  };
  return () => bytes;
}

/**
 * @param {string | undefined} method
 * @param {number} status
 */
function hasNoBody(method, status) {
  return method === "HEAD" || status === 204 || status === 304 || (status >= 100 && status < 200);
}

/**
 * Hands `write` the request's log record once its response has closed.
 * Call it before the app sees the response, so every body byte is counted.
 *
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {{ client: string, write: (record: Record<string, unknown>) => void }} options
 */
export function logRequest(req, res, { client, write }) {
  const start = process.hrtime.bigint();
  const method = req.method;
  const url = req.url;
  const userAgent = req.headers["user-agent"] ?? null;
  const bodyBytes = countBodyBytes(res);
  /** @type {number | null} */
  let durationMs = null;
  // Next adds many "close" listeners of its own on some paths; ours must not tip it into a leak warning.
  res.setMaxListeners(res.getMaxListeners() + 1);
  res.once("finish", () => {
    durationMs = msSince(start);
  });
  res.once("close", () => {
    const status = res.headersSent ? res.statusCode : null;
    write({
      event: "request",
      method,
      path: url,
      status,
      durationMs: durationMs ?? msSince(start),
      bytes: status !== null && hasNoBody(method, status) ? 0 : bodyBytes(),
      cache: headerOf(res, CACHE_HEADER) ?? null,
      client,
      userAgent,
      aborted: !res.writableFinished,
    });
  });
}
