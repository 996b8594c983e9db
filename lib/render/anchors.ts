/**
 * Anchors of a diff page: one per file and one per line, stable across
 * renders so links in the wild keep working. Line anchors follow GitHub:
 * `L` numbers the old (left) side, `R` the new (right) side.
 *
 * @example
 * fileAnchor("lib/index.js") // → "file-lib/index.js"
 * lineAnchor("lib/index.js", "R", 12) // → "file-lib/index.js-R12"
 */
export function fileAnchor(path: string): string {
  // encodeURI keeps "/" readable and turns spaces and other unsafe characters into %XX.
  return `file-${encodeURI(path)}`;
}

export function lineAnchor(path: string, side: "L" | "R", line: number): string {
  return `${fileAnchor(path)}-${side}${line}`;
}
