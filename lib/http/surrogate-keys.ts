/**
 * The response header with a response's surrogate keys. Varnish's xkey module
 * (deploy/varnish/default.vcl) indexes cached objects by it and strips it
 * before the client; `scripts/purge.mjs` purges by one of its keys.
 */
export const SURROGATE_KEY_HEADER = "xkey";

/** A package as its surrogate key names it. */
export interface KeyedPackage {
  ecosystemId: string;
  name: string;
}

/**
 * The surrogate keys of a response about one package, space-separated: the
 * package's (`pkg:<ecosystem id>:<name>`, the name as written) and its
 * ecosystem's (`eco:<ecosystem id>`), so one purge removes every cached
 * response about the package — or about the whole ecosystem.
 *
 * @example
 * surrogateKeys("npm", "@babel/core"); // "pkg:npm:@babel/core eco:npm"
 */
export function surrogateKeys(ecosystemId: string, name: string): string {
  return surrogateKeysOf([{ ecosystemId, name }]);
}

/**
 * The surrogate keys of a response about several packages (a `/diffs` page):
 * each package's key once, then each ecosystem's. Names hold neither spaces
 * nor commas (xkey's separators) in any ecosystem.
 *
 * @example
 * surrogateKeysOf([{ ecosystemId: "npm", name: "react" }, { ecosystemId: "hex", name: "plug" }]);
 * // "pkg:npm:react pkg:hex:plug eco:npm eco:hex"
 */
export function surrogateKeysOf(packages: Iterable<KeyedPackage>): string {
  const keys = new Set<string>();
  const ecosystems = new Set<string>();
  for (const { ecosystemId, name } of packages) {
    keys.add(packageKey(ecosystemId, name));
    ecosystems.add(`eco:${ecosystemId}`);
  }
  return [...keys, ...ecosystems].join(" ");
}

/**
 * The one key that names a package in every response about it.
 *
 * @example
 * packageKey("hex", "decimal"); // "pkg:hex:decimal"
 */
export function packageKey(ecosystemId: string, name: string): string {
  return `pkg:${ecosystemId}:${name}`;
}

/**
 * `response` with the package's surrogate keys set (returned for chaining).
 *
 * @example
 * return tagged(new Response(body, { headers }), ecosystem.id, name);
 */
export function tagged<R extends { headers: Headers }>(response: R, ecosystemId: string, name: string): R {
  response.headers.set(SURROGATE_KEY_HEADER, surrogateKeys(ecosystemId, name));
  return response;
}
