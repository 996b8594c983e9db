/**
 * The part of a name after its scope: what people type when they remember
 * `core` but not `@babel/`.
 *
 * @example
 * bareName("@babel/core"); // "core"
 * bareName("react"); // "react"
 */
export function bareName(name: string): string {
  return name.startsWith("@") ? name.slice(name.indexOf("/") + 1) : name;
}

/** Where the bare name starts: 0 for unscoped names. */
export function bareOffset(name: string): number {
  return name.startsWith("@") ? name.indexOf("/") + 1 : 0;
}

/** A word of a name and where it starts, e.g. `dom` at 6 in `react-dom`. */
export interface NameWord {
  word: string;
  start: number;
}

const WORD = /[a-z0-9]+/g;

/**
 * The alphanumeric runs of a lower-cased name, with their offsets.
 *
 * @example
 * nameWords("@babel/plugin-x"); // [{word:"babel",start:1},{word:"plugin",start:7},{word:"x",start:14}]
 */
export function nameWords(lowerName: string): NameWord[] {
  return [...lowerName.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index }));
}

/**
 * What the search compares: lower case, trimmed, and inner spaces read as
 * the `-` that package names use (`react dom` → `react-dom`).
 *
 * @example
 * normalizeQuery("  React DOM "); // "react-dom"
 */
export function normalizeQuery(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, "-");
}

/**
 * The typed text as a name to look up, or undefined when it cannot be one
 * in any ecosystem (empty, or with spaces inside). Lower-cased, because new
 * names are lower case in npm and Hex alike. Whether it is valid is the
 * ecosystem's to say, on the server (lib/registry/<id>/).
 *
 * @example
 * asTypedName(" Left-Pad "); // "left-pad"
 * asTypedName("has space"); // undefined
 */
export function asTypedName(raw: string): string | undefined {
  const text = raw.trim().toLowerCase();
  return text === "" || /\s/.test(text) ? undefined : text;
}
