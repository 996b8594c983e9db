import type { CollapseReason } from "./types";

const LOCKFILES = new Set(["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"]);

/** GitHub's rule for minified files: average line longer than this… */
const MINIFIED_AVERAGE_LINE = 110;
/** …or any single line longer than this. */
const MINIFIED_ANY_LINE = 2_000;

/**
 * Why a file should start collapsed in the viewer, if it should: source
 * maps, lock files, and minified code (GitHub's rule: average line > 110
 * characters or any line > 2,000). Decided from the path and the bytes.
 *
 * @example
 * collapseReason("dist/app.js.map", bytes) // → "source-map"
 * collapseReason("package-lock.json", bytes) // → "lockfile"
 * collapseReason("dist/app.min.js", oneLongLine) // → "minified"
 */
export function collapseReason(path: string, bytes: Uint8Array | undefined): CollapseReason | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base.endsWith(".map")) return "source-map";
  if (LOCKFILES.has(base)) return "lockfile";
  if (bytes && isMinified(bytes)) return "minified";
  return undefined;
}

function isMinified(bytes: Uint8Array): boolean {
  if (bytes.length <= MINIFIED_AVERAGE_LINE) return false;
  let lines = 0;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(10, start);
    const stop = end === -1 ? bytes.length : end;
    // Bytes, not characters: close enough for a display heuristic, and no decoding.
    if (stop - start > MINIFIED_ANY_LINE) return true;
    if (stop > start || end !== -1) lines++;
    if (end === -1) break;
    start = end + 1;
  }
  return lines > 0 && bytes.length / lines > MINIFIED_AVERAGE_LINE;
}
