import type { FileDiff } from "../diff/types";
import { fileAnchor } from "../render/anchors";
import { type FileRule, type ReviewContext, newFileOf, oldFileOf } from "./context";
import { groupDigits } from "../format-count";
import { type Detector, compiledPatterns } from "./detectors";
import { lineAnchor } from "./lines";
import { type FileScan, MAX_ANCHORS, type Tally, scanRiskyCode } from "./risky-scan";
import type { Finding, JsonValue } from "./types";

/** Files reported one by one per kind of hit; the rest are summed into one finding. */
const MAX_FILES_PER_DETECTOR = 10;

interface Hit {
  detector: Detector;
  file: FileDiff;
  tally: Tally;
}

/**
 * Risky constructs on added lines of code files, so code that was already
 * there does not alarm again: a kind of hit is reported for a file only
 * when its added lines hold more of it than its removed lines (a moved,
 * reformatted or re-minified `eval` is not new). Long lines and
 * high-entropy strings count only in files that were not minified before:
 * a minified bundle is long, packed lines by nature (one that appears
 * where there was none is the big-files rule's). Counts per file, the
 * first five hits linked. Added files whose hunks were not kept are read
 * from their bytes; changed files without hunks are listed as not scanned.
 * A file whose scan came with the input (`ReviewInput.scans`, made beside
 * its line diff in the worker pool) is not scanned again.
 *
 * @example
 * const rule = riskyCodeRule(context);
 * for (const file of files) rule.visit(file);
 * rule.finish(); // → [{ kind: "eval", severity: "notice", message: "eval( or new Function( added in lib/a.js (1 place)", … }]
 */
export function riskyCodeRule(context: ReviewContext): FileRule {
  const { all } = compiledPatterns(context.rules.patterns);
  const scans: (FileScan & { file: FileDiff })[] = [];
  const notScanned: string[] = [];
  const given = context.input.scans;

  return {
    visit(file) {
      const found = given?.has(file) ? given.get(file) : scanRiskyCode(context.rules, file, { old: oldFileOf(context, file), new: newFileOf(context, file) });
      if (found === "not-scanned") notScanned.push(file.path);
      else if (found) {
        scans.push({
          file,
          tallies: new Map(found.tallies.map(([i, counted]) => [all[i]!, counted])),
          along: new Set(found.along.map((i) => all[i]!)),
          hosts: new Map(found.hosts),
        });
      }
    },
    finish() {
      const hits = new Map<Detector, Hit[]>(all.map((d) => [d, []]));
      const hostFindings: Finding[] = [];
      for (const scan of scans) {
        for (const [detector, counted] of scan.tallies) {
          if (counted.added <= counted.removed) continue;
          if (detector.pattern?.alongWith && !scan.along.has(detector)) continue;
          // A new file was not "not minified before": its long lines are the big-files rule's.
          if (detector.kind === "long-line" && oldFileOf(context, scan.file) === undefined) continue;
          hits.get(detector)!.push({ detector, file: scan.file, tally: counted });
        }
        const hostFinding = newHostsFinding(context, scan.file, scan.hosts);
        if (hostFinding) hostFindings.push(hostFinding);
      }
      const findings = [...hits.values()].flatMap(findingsOf);
      findings.push(...hostFindings);
      if (notScanned.length > 0) findings.push(notScannedFinding(notScanned));
      return findings;
    },
  };
}

function times(count: number): string {
  return `${groupDigits(count)} ${count === 1 ? "place" : "places"}`;
}

/**
 * How many more of a construct the file has than before: what its added
 * lines hold beyond what its removed lines held (long lines replaced in
 * place are counted on the parts that changed, so `added` and `removed`
 * there are of those parts).
 */
function netAdded(tally: Tally): number {
  return tally.added - tally.removed;
}

function findingsOf(hits: Hit[]): Finding[] {
  const shown = hits.slice(0, MAX_FILES_PER_DETECTOR).map(({ detector, file, tally }): Finding => ({
    kind: detector.kind,
    severity: detector.severity,
    message: `${detector.label} added in ${file.path} (${times(netAdded(tally))})`,
    file: file.path,
    anchors: tally.lines.map((line) => lineAnchor(file.path, "+", line)),
    data: { count: netAdded(tally), added: tally.added, removed: tally.removed },
  }));
  const rest = hits.slice(MAX_FILES_PER_DETECTOR);
  if (rest.length > 0) {
    const { detector } = rest[0]!;
    const total = rest.reduce((sum, hit) => sum + netAdded(hit.tally), 0);
    shown.push({
      kind: detector.kind,
      severity: detector.severity,
      message: `${detector.label} also added in ${rest.length} more files (${times(total)})`,
      anchors: rest.slice(0, MAX_ANCHORS).map((hit) => fileAnchor(hit.file.path)),
      data: { files: rest.map((hit): JsonValue => ({ path: hit.file.path, count: netAdded(hit.tally) })) },
    });
  }
  return shown;
}

/** Hosts named on added lines that the old file never named. */
function newHostsFinding(context: ReviewContext, file: FileDiff, hosts: ReadonlyMap<string, number>): Finding | undefined {
  if (hosts.size === 0) return undefined;
  const old = oldFileOf(context, file);
  // Searched in the old bytes as they are (hosts are ASCII): decoding and lower-casing a
  // 9 MB file for each scanned file cost more than the whole rest of the summary.
  const oldBytes = old && !old.binary ? Buffer.from(old.bytes.buffer, old.bytes.byteOffset, old.bytes.byteLength) : undefined;
  const fresh = [...hosts].filter(([host]) => oldBytes === undefined || oldBytes.indexOf(host, 0, "latin1") === -1);
  if (fresh.length === 0) return undefined;
  const path = file.path;
  const names = fresh.map(([host]) => host);
  const listed = names.slice(0, 3).join(", ") + (names.length > 3 ? `, +${names.length - 3} more` : "");
  return {
    kind: "new-hosts",
    severity: "info",
    message: `${names.length === 1 ? "1 new host" : `${names.length} new hosts`} in ${path}: ${listed}`,
    file: path,
    anchors: fresh.slice(0, MAX_ANCHORS).map(([, line]) => lineAnchor(path, "+", line)),
    data: { hosts: names },
  };
}

function notScannedFinding(paths: string[]): Finding {
  const listed = paths.slice(0, 3).join(", ") + (paths.length > 3 ? `, +${paths.length - 3} more` : "");
  return {
    kind: "not-scanned",
    severity: "info",
    message: `${paths.length === 1 ? "1 changed code file was" : `${paths.length} changed code files were`} not scanned for risky code (too large, or too slow to diff or scan): ${listed}`,
    anchors: paths.slice(0, MAX_ANCHORS).map(fileAnchor),
    data: { files: paths },
  };
}
