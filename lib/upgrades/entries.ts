import { PkgdiffError } from "../errors";
import type { Ecosystem } from "../registry/ecosystem";
import { DEFAULT_ECOSYSTEM, findEcosystemBySegment } from "../registry/ecosystems";
import { parseDiffOptions, type DiffPageOptions } from "../routes/diff-options";
import { encodeEntry, MAX_DIFFS_ENTRIES } from "./diffs-url.mjs";

/** One `d=` entry of `/diffs`, before its versions are resolved. */
export interface DiffsEntry {
  ecosystem: Ecosystem;
  name: string;
  from: string;
  /** `undefined`: the latest version (`name:from:` or `name:from..`). */
  to: string | undefined;
}

/** What `/diffs?…` asks for: its entries (each once, in the order written) and the view options. */
export interface DiffsQuery {
  entries: DiffsEntry[];
  options: DiffPageOptions;
}

/** The keys `/diffs` reads; `diffs[]` is Hex's form (`mix hex.outdated` links), redirected to `d`. */
export const DIFFS_ENTRY_KEYS = ["d", "diffs[]"] as const;

/**
 * Reads `/diffs`' query: `d=<name>:<from>:<to>` (repeated), Hex's `diffs[]=` the same,
 * `hex:` before a Hex package's name. Names may hold no ":", so an entry splits on its
 * last two colons; `<name>:<from>..<to>` and `<name>:<from>..` (to the latest) are read too.
 * Duplicates collapse. A malformed entry is a 400 that names it; none, or more than
 * MAX_DIFFS_ENTRIES, is a 400 that says so.
 *
 * @example
 * parseDiffsQuery(new URLSearchParams("d=@babel/core:7.0.0:7.1.0&d=hex:decimal:2.1.0:2.1.1")).entries
 * // → [{ ecosystem: npm, name: "@babel/core", from: "7.0.0", to: "7.1.0" },
 * //    { ecosystem: hex, name: "decimal", from: "2.1.0", to: "2.1.1" }]
 */
export function parseDiffsQuery(params: URLSearchParams): DiffsQuery {
  const written = [...new Set(DIFFS_ENTRY_KEYS.flatMap((key) => params.getAll(key)).map((raw) => raw.trim()))];
  if (written.length === 0) {
    throw new PkgdiffError("bad_request", "Name at least one upgrade: /diffs?d=<name>:<from>:<to>&d=…");
  }
  if (written.length > MAX_DIFFS_ENTRIES) {
    throw new PkgdiffError(
      "bad_request",
      `One page shows at most ${MAX_DIFFS_ENTRIES} upgrades; this link names ${written.length}. Split it into pages of ${MAX_DIFFS_ENTRIES}.`,
    );
  }
  const entries = new Map<string, DiffsEntry>();
  for (const raw of written) {
    const entry = parseEntry(raw);
    entries.set(entryKey(entry), entry);
  }
  return { entries: [...entries.values()], options: parseDiffOptions(params) };
}

/**
 * One entry, or a 400 that names it.
 *
 * @example
 * parseEntry("react:18.2.0..") // → { ecosystem: npm, name: "react", from: "18.2.0", to: undefined }
 */
export function parseEntry(raw: string): DiffsEntry {
  const shown = JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw);
  const fail = (why: string): never => {
    throw new PkgdiffError("bad_request", `The entry ${shown} is not <name>:<from>:<to> (${why}).`);
  };
  const last = raw.lastIndexOf(":");
  if (last === -1) fail("no colon");
  let head: string;
  let from: string;
  let to: string;
  const tail = raw.slice(last + 1);
  const range = tail.indexOf("..");
  if (range !== -1) {
    // `name:from..to`: the shorthand of single diffs' paths.
    head = raw.slice(0, last);
    from = tail.slice(0, range);
    to = tail.slice(range + 2);
    if (to.includes("..")) fail('one ".." between two versions');
  } else {
    const middle = raw.lastIndexOf(":", last - 1);
    if (middle === -1) fail("two versions are needed");
    head = raw.slice(0, middle);
    from = raw.slice(middle + 1, last);
    to = tail;
  }
  const { ecosystem, name } = splitEcosystem(head, fail);
  if (name === "") fail("the name is empty");
  if (from === "") fail('the "from" version is empty');
  try {
    ecosystem.names.parse(name);
    ecosystem.versions.parseSpec(from);
    if (to !== "") ecosystem.versions.parseSpec(to);
  } catch (error) {
    fail(error instanceof Error ? error.message.replace(/\.$/, "") : "invalid");
  }
  return { ecosystem, name, from, to: to === "" ? undefined : to };
}

/** `hex:decimal` → Hex's `decimal`; a name without a prefix is the unprefixed ecosystem's. */
function splitEcosystem(head: string, fail: (why: string) => never): { ecosystem: Ecosystem; name: string } {
  const colon = head.indexOf(":");
  if (colon === -1) return { ecosystem: DEFAULT_ECOSYSTEM, name: head };
  const segment = head.slice(0, colon);
  const ecosystem = findEcosystemBySegment(segment);
  if (!ecosystem) return fail(`"${segment.slice(0, 20)}:" is not an ecosystem prefix`);
  return { ecosystem, name: head.slice(colon + 1) };
}

/** The prefix an entry carries for its ecosystem ("hex:"; "" for the unprefixed one). */
export function ecosystemPrefix(ecosystem: Ecosystem): string {
  return ecosystem.urlPrefix === "" ? "" : `${ecosystem.urlPrefix.slice(1)}:`;
}

/** An entry as written in a canonical URL: `hex:decimal:2.1.0:2.1.1` (an empty `to` for the latest). */
export function entryKey(entry: DiffsEntry): string {
  return `${ecosystemPrefix(entry.ecosystem)}${entry.name}:${entry.from}:${entry.to ?? ""}`;
}

/**
 * The canonical query of a `/diffs` page (with its `?`): entries each once, sorted,
 * then `view` and `w` when given. Entries are canonical once resolved to exact versions
 * (the caller's job); one that failed to resolve stays as written and shows its error.
 *
 * @example
 * canonicalDiffsQuery([react, babel], { view: "unified", ignoreWhitespace: false }, new URLSearchParams())
 * // → "?d=@babel/core:7.0.0:7.1.0&d=react:18.2.0:18.3.1"
 */
export function canonicalDiffsQuery(entries: readonly DiffsEntry[], params: URLSearchParams): string {
  const keys = [...new Set(entries.map(entryKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = keys.map((key) => `d=${encodeEntry(key)}`);
  for (const option of ["view", "w"]) {
    const value = params.get(option);
    if (value !== null) parts.push(`${option}=${encodeURIComponent(value)}`);
  }
  return `?${parts.join("&")}`;
}
