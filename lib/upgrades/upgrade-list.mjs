/**
 * Reads an upgrade list as people already have one — `npm outdated --json`,
 * `pnpm outdated --format json`, a unified diff of a `package-lock.json`
 * (lockfileVersion 2 or 3), or plain `name from to` lines — into upgrades
 * and the parts it skipped, with the reason. Plain JavaScript (types in
 * upgrade-list.d.mts) so the home page's box and `scripts/diffs-url.mjs`
 * (run by node without a build step) share this one parser.
 *
 * @example
 * parseUpgradeList('{"react":{"current":"18.2.0","wanted":"18.3.1","latest":"18.3.1","dependent":"app","location":"node_modules/react"}}')
 * // → { format: "npm-outdated", upgrades: [{ name: "react", from: "18.2.0", to: "18.3.1" }], skipped: [] }
 * parseUpgradeList("react 18.2.0 18.3.1\nhex:decimal 2.1.0 2.1.1")
 * // → { format: "lines", upgrades: [{ name: "react", … }, { name: "hex:decimal", from: "2.1.0", to: "2.1.1" }], skipped: [] }
 */

/** @typedef {import("./upgrade-list.d.mts").Upgrade} Upgrade */
/** @typedef {import("./upgrade-list.d.mts").Skipped} Skipped */
/** @typedef {import("./upgrade-list.d.mts").UpgradeList} UpgradeList */

/** @param {string} text @returns {UpgradeList} */
export function parseUpgradeList(text) {
  const trimmed = text.trim();
  if (trimmed === "") return { format: "empty", upgrades: [], skipped: [] };
  if (trimmed.startsWith("{")) return parseOutdatedJson(trimmed);
  if (/^(diff --git |--- |\+\+\+ |@@ )/m.test(trimmed)) return parseLockfileDiff(trimmed);
  return parseLines(trimmed);
}

/**
 * `npm outdated --json`: `{ name: { current, wanted, latest, dependent, location } }`, the value
 * an array when the package is outdated under several dependents (workspaces);
 * `pnpm outdated --format json`: `{ name: { current, latest, wanted, isDeprecated, dependencyType } }`.
 * From `current` to `latest`.
 * @param {string} text @returns {UpgradeList}
 */
function parseOutdatedJson(text) {
  /** @type {unknown} */
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { format: "invalid", upgrades: [], skipped: [{ what: "the input", reason: "it starts with { but is not valid JSON" }] };
  }
  if (!isRecord(data)) return { format: "invalid", upgrades: [], skipped: [{ what: "the input", reason: "not a JSON object" }] };
  const values = Object.values(data).flatMap((v) => (Array.isArray(v) ? v : [v]));
  const pnpm = values.some((v) => isRecord(v) && ("dependencyType" in v || "isDeprecated" in v));
  const list = new UpgradeCollector(pnpm ? "pnpm-outdated" : "npm-outdated");
  for (const [name, value] of Object.entries(data)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!isRecord(item)) {
        list.skip(name, "not an object with current and latest");
        continue;
      }
      const { current, latest } = item;
      if (typeof current !== "string" || current === "") list.skip(name, "not installed (no current version)");
      else if (typeof latest !== "string" || latest === "") list.skip(name, "no latest version");
      else list.add(name, current, latest);
    }
  }
  return list.result();
}

/** `"node_modules/a/node_modules/@s/b": {` → the package path's key line. */
const LOCK_KEY = /^\s*"((?:[^"\\]|\\.)*)":\s*\{\s*$/;
const LOCK_VERSION = /^\s*"version":\s*"([^"]+)"/;
const DIFF_META = /^(diff --git |index |--- |\+\+\+ |@@ |new file mode|deleted file mode|similarity index|rename (from|to) |\\ No newline)/;

/**
 * A unified diff of package-lock.json (v2/v3): `packages["node_modules/x"].version` lines that changed.
 * The package is the key line above them (context, or changed itself: added or removed packages).
 * @param {string} text @returns {UpgradeList}
 */
function parseLockfileDiff(text) {
  const list = new UpgradeCollector("lockfile-diff");
  /** @type {{ path: string; sign: string; from?: string; to?: string } | undefined} */
  let block;
  const flush = () => {
    if (!block || (block.from === undefined && block.to === undefined)) return;
    const name = lockPackageName(block.path);
    const label = name ?? (block.path === "" ? "the root project" : block.path);
    if (name === undefined) list.skip(label, block.path === "" ? "the project itself, not a dependency" : "not a node_modules/ entry");
    else if (block.sign === "+" || block.from === undefined) list.skip(name, "added, not upgraded");
    else if (block.sign === "-" || block.to === undefined) list.skip(name, "removed, not upgraded");
    else if (block.from !== block.to) list.add(name, block.from, block.to);
  };
  for (const line of text.split(/\r?\n/)) {
    if (DIFF_META.test(line)) {
      if (line.startsWith("diff --git ") || line.startsWith("@@ ")) {
        flush();
        block = undefined;
      }
      continue;
    }
    const sign = line[0] === "+" || line[0] === "-" ? line[0] : " ";
    const body = sign === " " && line[0] !== " " ? line : line.slice(1);
    const key = LOCK_KEY.exec(body);
    if (key) {
      flush();
      block = { path: unescapeJson(key[1] ?? ""), sign };
      continue;
    }
    const version = LOCK_VERSION.exec(body);
    if (!version || !block || sign === " ") continue;
    if (sign === "-") block.from = version[1];
    else block.to = version[1];
  }
  flush();
  if (list.size === 0 && list.skippedCount === 0) list.skip("the diff", 'no "node_modules/…" version changes in it (lockfileVersion 2 or 3)');
  return list.result();
}

/** `node_modules/a/node_modules/@s/b` → `@s/b`; undefined for paths that are not installed packages. */
function lockPackageName(path) {
  const at = path.lastIndexOf("node_modules/");
  if (at === -1) return undefined;
  const name = path.slice(at + "node_modules/".length);
  return /^(@[^/]+\/)?[^/@][^/]*$/.test(name) ? name : undefined;
}

function unescapeJson(raw) {
  try {
    return JSON.parse(`"${raw}"`);
  } catch {
    return raw;
  }
}

/**
 * One upgrade a line: `name from to`, or `name from → to` / `->`; `#` starts a comment.
 * @param {string} text @returns {UpgradeList}
 */
function parseLines(text) {
  const list = new UpgradeCollector("lines");
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const words = line.split(/\s+/).filter((w) => w !== "→" && w !== "->" && w !== "=>");
    const [name, from, to] = words;
    if (words.length !== 3 || !name || !from || !to) list.skip(line, "not of the form: name from to");
    else list.add(name, from, to);
  }
  return list.result();
}

/** Collects upgrades once each (the same one from several dependents is one) and what was skipped. */
class UpgradeCollector {
  /** @param {UpgradeList["format"]} format */
  constructor(format) {
    this.format = format;
    /** @type {Map<string, Upgrade>} */
    this.upgrades = new Map();
    /** @type {Skipped[]} */
    this.skipped = [];
  }

  get size() {
    return this.upgrades.size;
  }

  get skippedCount() {
    return this.skipped.length;
  }

  add(name, from, to) {
    if (from === to) return this.skip(name, `already at ${to}`);
    this.upgrades.set(`${name}\0${from}\0${to}`, { name, from, to });
  }

  skip(what, reason) {
    this.skipped.push({ what, reason });
  }

  /** @returns {UpgradeList} */
  result() {
    return { format: this.format, upgrades: [...this.upgrades.values()], skipped: this.skipped };
  }
}

function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
