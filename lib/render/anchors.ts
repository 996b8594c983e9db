/**
 * The anchor of a file on a diff page, stable across renders so links in
 * the wild keep working. Line anchors extend it (`-L12` old side, `-R12`
 * new side, as GitHub names them); the viewer resolves those
 * (components/diff/line-anchor.ts).
 *
 * @example
 * fileAnchor("lib/index.js") // → "file-lib/index.js"
 */
export function fileAnchor(path: string): string {
  // encodeURI keeps "/" readable and turns spaces and other unsafe characters into %XX.
  return `file-${encodeURI(path)}`;
}
