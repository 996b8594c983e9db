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

/**
 * A diff page's anchor (`file-<path>[-R12]`: a file's, a review finding's)
 * as it is on a page of many diffs (`/diffs`), where each diff's anchors
 * carry its `scope` (`react@18.2.0..18.3.1`) so that two packages that both
 * have `package.json` keep one anchor each. Without a scope, or for another
 * kind of anchor, it is left alone.
 *
 * @example
 * scopedAnchor("file-index.js-R12", "react@18.2.0..18.3.1") // → "file-react@18.2.0..18.3.1/index.js-R12"
 * scopedAnchor("file-index.js-R12", undefined) // → "file-index.js-R12"
 */
export function scopedAnchor(anchor: string, scope: string | undefined): string {
  return scope && anchor.startsWith("file-") ? `file-${encodeURI(scope)}/${anchor.slice("file-".length)}` : anchor;
}
