/**
 * Surrogate keys: what Varnish's xkey module (deploy/varnish/default.vcl)
 * indexes cached responses by, so that one purge removes every response
 * about a package. Plain JS: scripts/purge.mjs runs without a build step.
 */

/**
 * The response header with a response's surrogate keys. Varnish strips it
 * before the client; `scripts/purge.mjs` purges by one of its keys.
 */
export const SURROGATE_KEY_HEADER = "xkey";

/**
 * The one key that names a package in every response about it (the name as
 * written: names hold neither spaces nor commas, xkey's separators).
 *
 * @example
 * packageKey("hex", "decimal"); // "pkg:hex:decimal"
 *
 * @param {string} ecosystemId
 * @param {string} name
 */
export function packageKey(ecosystemId, name) {
  return `pkg:${ecosystemId}:${name}`;
}

/**
 * The key every response about an ecosystem's packages carries.
 *
 * @example
 * ecosystemKey("npm"); // "eco:npm"
 *
 * @param {string} ecosystemId
 */
export function ecosystemKey(ecosystemId) {
  return `eco:${ecosystemId}`;
}

/**
 * The surrogate keys of a response about several packages (a `/diffs` page),
 * space-separated: each package's key once, then each ecosystem's.
 *
 * @example
 * surrogateKeysOf([{ ecosystemId: "npm", name: "react" }, { ecosystemId: "hex", name: "plug" }]);
 * // "pkg:npm:react pkg:hex:plug eco:npm eco:hex"
 *
 * @param {Iterable<{ ecosystemId: string, name: string }>} packages
 */
export function surrogateKeysOf(packages) {
  const keys = new Set();
  const ecosystems = new Set();
  for (const { ecosystemId, name } of packages) {
    keys.add(packageKey(ecosystemId, name));
    ecosystems.add(ecosystemKey(ecosystemId));
  }
  return [...keys, ...ecosystems].join(" ");
}

/**
 * The surrogate keys of a response about one package: the package's and its
 * ecosystem's, so one purge removes every cached response about the package
 * — or about the whole ecosystem.
 *
 * @example
 * surrogateKeys("npm", "@babel/core"); // "pkg:npm:@babel/core eco:npm"
 *
 * @param {string} ecosystemId
 * @param {string} name
 */
export function surrogateKeys(ecosystemId, name) {
  return surrogateKeysOf([{ ecosystemId, name }]);
}

/**
 * `response` with the package's surrogate keys set (returned for chaining).
 *
 * @example
 * return tagged(new Response(body, { headers }), ecosystem.id, name);
 *
 * @template {{ headers: Headers }} R
 * @param {R} response
 * @param {string} ecosystemId
 * @param {string} name
 * @returns {R}
 */
export function tagged(response, ecosystemId, name) {
  response.headers.set(SURROGATE_KEY_HEADER, surrogateKeys(ecosystemId, name));
  return response;
}
