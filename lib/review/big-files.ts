import { collapseReason } from "../diff/collapse";
import type { FileDiff } from "../diff/types";
import { formatBytes } from "../format-bytes";
import { fileAnchor } from "../render/anchors";
import type { PackageTree } from "../tarball/types";
import { type FileRule, type ReviewContext, newFileOf } from "./context";
import type { Finding } from "./types";

/** An added file this big is worth a look on its own. */
export const BIG_FILE_BYTES = 1024 * 1024;
const LARGEST_SHOWN = 3;

/**
 * Big new files: the three largest added files (info), each added file
 * over 1 MiB (notice), and minified code added to a package that shipped
 * none (notice: Shai-Hulud's bundle.js was one).
 *
 * @example
 * const rule = bigFilesRule(context);
 * rule.visit(addedBundleDiff);
 * rule.finish(); // → [{ kind: "minified-added", … }, { kind: "largest-files", message: "Largest new files: bundle.js (3.1 MiB)", … }]
 */
export function bigFilesRule(context: ReviewContext): FileRule {
  const added: { path: string; size: number }[] = [];
  const minified: string[] = [];
  return {
    visit(file: FileDiff) {
      if (file.status !== "added" || file.note !== undefined) return;
      added.push({ path: file.path, size: file.newSize });
      if (file.binary || !context.rules.isCode(file.path)) return;
      const bytes = newFileOf(context, file)?.bytes;
      if (file.collapsed === "minified" || (bytes && collapseReason(file.path, bytes) === "minified")) minified.push(file.path);
    },
    finish() {
      const findings: Finding[] = [];
      if (minified.length > 0 && !hadMinifiedCode(context, context.input.from.tree)) {
        findings.push({
          kind: "minified-added",
          severity: "notice",
          message: `Minified code added where the package had none: ${minified.slice(0, 3).join(", ")}${minified.length > 3 ? `, +${minified.length - 3} more` : ""}`,
          file: minified[0],
          anchors: minified.slice(0, 5).map(fileAnchor),
          data: { files: minified },
        });
      }
      for (const { path, size } of added) {
        if (size <= BIG_FILE_BYTES) continue;
        findings.push({
          kind: "big-file",
          severity: "notice",
          message: `Big new file: ${path} (${formatBytes(size)})`,
          file: path,
          anchors: [fileAnchor(path)],
          data: { size },
        });
      }
      const largest = [...added].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1)).slice(0, LARGEST_SHOWN);
      if (largest.length > 0) {
        findings.push({
          kind: "largest-files",
          severity: "info",
          message: `Largest new files: ${largest.map((f) => `${f.path} (${formatBytes(f.size)})`).join(", ")}`,
          file: largest[0]!.path,
          anchors: largest.map((f) => fileAnchor(f.path)),
          data: { files: largest.map((f) => ({ path: f.path, size: f.size })) },
        });
      }
      return findings;
    },
  };
}

/**
 * Whether the old version shipped minified code. Only asked when minified
 * code was added; it stops at the first minified file, and collapseReason
 * scans for newlines without decoding.
 */
function hadMinifiedCode(context: ReviewContext, tree: PackageTree): boolean {
  for (const entry of tree.entries.values()) {
    if (entry.kind !== "file" || entry.binary || !context.rules.isCode(entry.path)) continue;
    if (collapseReason(entry.path, entry.bytes) === "minified") return true;
  }
  return false;
}
