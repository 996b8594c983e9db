/**
 * Building `/diffs` links from upgrades: the one encoder of `d=` entries,
 * used by the home page's upgrade box, `scripts/diffs-url.mjs` and the
 * canonical redirect (lib/upgrades/entries.ts). Plain JavaScript (types in
 * diffs-url.d.mts) so node runs the script without a build step.
 *
 * @example
 * diffsHref([{ name: "@babel/core", from: "7.0.0", to: "7.1.0" }], "http://localhost:3000")
 * // → "http://localhost:3000/diffs?d=@babel/core:7.0.0:7.1.0"
 */

/** @typedef {import("./upgrade-list.d.mts").Upgrade} Upgrade */

export const MAX_DIFFS_ENTRIES = 50;

/** @param {Upgrade} upgrade */
export function entryString({ name, from, to }) {
  return `${name}:${from}:${to}`;
}

/** @param {string} entry */
export function encodeEntry(entry) {
  // `@`, `/` and `:` are allowed in a query (RFC 3986 §3.4): scoped names stay readable.
  return encodeURIComponent(entry).replace(/%40/g, "@").replace(/%2F/gi, "/").replace(/%3A/gi, ":");
}

/** @param {readonly Upgrade[]} upgrades @param {string} [base] */
export function diffsHref(upgrades, base = "") {
  return `${base}/diffs?${upgrades.map((u) => `d=${encodeEntry(entryString(u))}`).join("&")}`;
}

/** @param {readonly Upgrade[]} upgrades @param {string} [base] */
export function diffsHrefs(upgrades, base = "") {
  const pages = [];
  for (let i = 0; i < upgrades.length; i += MAX_DIFFS_ENTRIES) pages.push(diffsHref(upgrades.slice(i, i + MAX_DIFFS_ENTRIES), base));
  return pages;
}
