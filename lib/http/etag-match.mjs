/**
 * True when an `If-None-Match` value lists the ETag (or `*`), by weak
 * comparison as RFC 9110 says for it. Plain JavaScript so that both the app
 * (lib/http/headers.ts) and the server's response cache
 * (scripts/response-cache.mjs, run without a build step) use this one.
 *
 * @param {string | null | undefined} ifNoneMatch
 * @param {string} etag
 * @returns {boolean}
 */
export function matchesEtag(ifNoneMatch, etag) {
  if (typeof ifNoneMatch !== "string" || ifNoneMatch === "") return false;
  const opaque = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim().replace(/^W\//, "");
    return t === "*" || t === opaque;
  });
}
