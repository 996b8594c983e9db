/**
 * The search index as it travels to the browser: a header line, then one
 * package name per line, most popular first. Plain text because names are
 * the whole payload (gzip does the rest) and the browser builds its
 * MiniSearch index from them faster than it could parse a serialized one,
 * which is about five times larger.
 */
export const INDEX_HEADER = "pkgdiff-search-index 1";

/**
 * @example
 * encodeIndex(["react", "@babel/core"]); // "pkgdiff-search-index 1\nreact\n@babel/core\n"
 */
export function encodeIndex(names: readonly string[]): string {
  return `${INDEX_HEADER}\n${names.join("\n")}\n`;
}

/**
 * The names of an encoded index, in order. Throws on anything else, so a
 * wrong response (an HTML error page) is never searched.
 *
 * @example
 * decodeIndex("pkgdiff-search-index 1\nreact\n"); // ["react"]
 */
export function decodeIndex(text: string): string[] {
  const lines = text.split("\n");
  if (lines[0] !== INDEX_HEADER) throw new Error("Not a pkgdiff search index");
  return lines.slice(1).filter((line) => line !== "");
}

/**
 * Names of a popularity list file: one per line, most popular first; blank
 * lines and `#` comments ignored.
 *
 * @example
 * parseNameList("# top\nreact\n\nvue\n"); // ["react", "vue"]
 */
export function parseNameList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}
