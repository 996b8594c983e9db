/**
 * The search index as it travels to the browser: a header line, then per
 * ecosystem a `:<id>` line and its package names, one per line, most
 * relevant first. Plain text because names are the whole payload (gzip
 * does the rest) and the browser builds its MiniSearch index from them
 * faster than it could parse a serialized one, which is about five times
 * larger. No package name of any ecosystem starts with `:`.
 */
export const INDEX_HEADER = "pkgdiff-search-index 2";

/** One ecosystem's names in the index. */
export interface IndexSection {
  /** The ecosystem's id ("npm", "hex"). */
  ecosystem: string;
  names: readonly string[];
}

/**
 * @example
 * encodeIndex([{ ecosystem: "npm", names: ["react", "@babel/core"] }, { ecosystem: "hex", names: ["decimal"] }]);
 * // "pkgdiff-search-index 2\n:npm\nreact\n@babel/core\n:hex\ndecimal\n"
 */
export function encodeIndex(sections: readonly IndexSection[]): string {
  return [INDEX_HEADER, ...sections.flatMap((s) => [`:${s.ecosystem}`, ...s.names]), ""].join("\n");
}

/**
 * The sections of an encoded index, in order. Throws on anything else (an
 * HTML error page, an index of the older one-ecosystem format), so a wrong
 * response is never searched.
 *
 * @example
 * decodeIndex("pkgdiff-search-index 2\n:npm\nreact\n"); // [{ ecosystem: "npm", names: ["react"] }]
 */
export function decodeIndex(text: string): IndexSection[] {
  const lines = text.split("\n");
  if (lines[0] !== INDEX_HEADER) throw new Error("Not a pkgdiff search index");
  const sections: { ecosystem: string; names: string[] }[] = [];
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    if (line.startsWith(":")) sections.push({ ecosystem: line.slice(1), names: [] });
    else if (sections.length === 0) throw new Error("The search index names a package before its ecosystem");
    else sections[sections.length - 1]?.names.push(line);
  }
  return sections;
}
