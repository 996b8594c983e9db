/** What was typed, read as an optional ecosystem prefix and the text to search. */
export interface ScopedQuery {
  /** The ecosystem a `hex:` / `npm:` prefix named; undefined for every ecosystem. */
  ecosystem?: string;
  /** The text after the prefix (all of it without one), trimmed. */
  text: string;
}

const PREFIX = /^\s*([a-z][a-z0-9]*)\s*:\s*/i;

/**
 * Splits `hex:dec` into the ecosystem `hex` and the text `dec`. Only the
 * ids given (the ecosystems this server searches) count as prefixes, so a
 * `hex:` typed where Hex is not configured stays text and matches nothing.
 *
 * @example
 * parseScopedQuery("hex:dec", ["npm", "hex"]); // { ecosystem: "hex", text: "dec" }
 * parseScopedQuery(" NPM: react ", ["npm", "hex"]); // { ecosystem: "npm", text: "react" }
 * parseScopedQuery("react", ["npm", "hex"]); // { text: "react" }
 * parseScopedQuery("pypi:x", ["npm", "hex"]); // { text: "pypi:x" }
 */
export function parseScopedQuery(raw: string, ecosystems: readonly string[]): ScopedQuery {
  const match = PREFIX.exec(raw);
  const id = match?.[1]?.toLowerCase();
  if (match && id !== undefined && ecosystems.includes(id)) return { ecosystem: id, text: raw.slice(match[0].length).trim() };
  return { text: raw.trim() };
}
