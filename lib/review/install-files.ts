import type { FileDiff } from "../diff/types";
import { fileAnchor } from "../render/anchors";
import { type FileRule, type ReviewContext, newFileOf, oldFileOf } from "./context";
import { binEntries } from "./install-scripts";
import { NATIVE_LABEL, nativeFormat } from "./native-files";
import type { Finding } from "./types";

/**
 * Files that run at install or as programs: `binding.gyp` added (npm runs
 * `node-gyp rebuild` for it when the package has no install script of its
 * own), new native executables (by `.node` name or magic bytes, also a file
 * that turned native), and new executable scripts (`#!` with the execute bit)
 * that are not a declared `bin`.
 *
 * @example
 * const rule = installFilesRule(context);
 * rule.visit(addedAddonDiff);
 * rule.finish(); // → [{ kind: "native-file", severity: "attention", message: "New native Node.js addon: build/addon.node", … }]
 */
export function installFilesRule(context: ReviewContext): FileRule {
  const findings: Finding[] = [];
  const bins = new Set(binEntries(context.newManifest).map(([, target]) => target));
  return {
    visit(file: FileDiff) {
      if (file.status === "removed" || file.note !== undefined) return;
      const added = newFileOf(context, file);
      if (!added) return;
      const old = oldFileOf(context, file);
      if (file.status === "added" && context.rules.implicitInstallFiles.has(file.path)) {
        findings.push({
          kind: "implicit-install",
          severity: "attention",
          message: `${file.path} added: installing now compiles native code`,
          file: file.path,
          anchors: [fileAnchor(file.path)],
        });
        return;
      }
      const format = nativeFormat(added.path, added.bytes);
      if (format && !(old && nativeFormat(old.path, old.bytes))) {
        findings.push({
          kind: "native-file",
          severity: "attention",
          message: `New ${NATIVE_LABEL[format]}: ${file.path}`,
          file: file.path,
          anchors: [fileAnchor(file.path)],
          data: { format, size: added.bytes.byteLength },
        });
        return;
      }
      const executable = (added.mode & 0o111) !== 0 && (old === undefined || (old.mode & 0o111) === 0);
      if (executable && added.bytes[0] === 0x23 && added.bytes[1] === 0x21 && !bins.has(file.path)) {
        findings.push({
          kind: "executable-file",
          severity: "notice",
          message: `New executable script: ${file.path}`,
          file: file.path,
          anchors: [fileAnchor(file.path)],
        });
      }
    },
    finish: () => findings,
  };
}
