import { isPkgdiffError } from "../errors";
import { parsePackageName } from "../registry/npm/package-name";

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
 * Whether the registry could have a package of exactly this name.
 *
 * @example
 * isPackageName("@babel/core"); // true
 * isPackageName("../x"); // false
 */
export function isPackageName(name: string): boolean {
  try {
    return parsePackageName(name) === name;
  } catch (error) {
    if (isPkgdiffError(error)) return false;
    throw error;
  }
}

/**
 * The typed text as a package name the registry could have, or undefined.
 * Lower-cased, because new names are lower case and the registry's
 * lookups of legacy mixed-case names are exact anyway.
 *
 * @example
 * asPackageName(" Left-Pad "); // "left-pad"
 * asPackageName("@babel/"); // undefined
 */
export function asPackageName(raw: string): string | undefined {
  const text = raw.trim().toLowerCase();
  if (text === "") return undefined;
  try {
    return parsePackageName(text);
  } catch (error) {
    if (isPkgdiffError(error)) return undefined;
    throw error;
  }
}
