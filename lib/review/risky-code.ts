import { collapseReason } from "../diff/collapse";
import type { FileDiff } from "../diff/types";
import { fileAnchor } from "../render/anchors";
import type { CodePattern } from "./code-patterns";
import { type FileRule, type ReviewContext, newFileOf, oldFileOf } from "./context";
import { highEntropyStrings } from "./entropy";
import { type NumberedLine, allLinesAsAdded, changedLines, lineAnchor } from "./lines";
import type { Finding, FindingKind, JsonValue, Severity } from "./types";

/** A line longer than this, in a file that was not minified before, is worth a look (chalk/debug's payload was one). */
export const LONG_LINE = 1_000;
/** Hits linked per file: enough to land on the code, few enough for one line of links. */
const MAX_ANCHORS = 5;
/** Files reported one by one per kind of hit; the rest are summed into one finding. */
const MAX_FILES_PER_DETECTOR = 10;
/** An added file whose hunks were not kept is read from its bytes up to this size. */
const MAX_SCAN_BYTES = 64 * 1024 * 1024;

/** One thing counted on changed lines. */
interface Detector {
  kind: FindingKind;
  severity: Severity;
  label: string;
  /** Regex detectors are counted through the combined regex; the others count here. */
  count?: (text: string) => number;
  pattern?: CodePattern;
}

interface Tally {
  added: number;
  removed: number;
  lines: number[];
}

interface FileScan {
  file: FileDiff;
  tallies: Map<Detector, Tally>;
  /** Detectors whose `alongWith` matched an added line of this file. */
  along: Set<Detector>;
  /** New-side line where each host first appears. */
  hosts: Map<string, number>;
}

interface Hit {
  detector: Detector;
  file: FileDiff;
  tally: Tally;
}

const HOST = /\b(?:https?|wss?|ftp):\/\/([A-Za-z0-9][A-Za-z0-9.-]*)/g;

/** Long lines and packed strings: looked for on lines longer than this only. */
const LONG_ENOUGH = 100;

function detectorsFor(patterns: readonly CodePattern[]): { regex: Detector[]; long: Detector[] } {
  return {
    regex: patterns.map((pattern): Detector => ({ kind: pattern.kind, severity: pattern.severity, label: pattern.label, pattern })),
    long: [
      {
        kind: "long-line",
        severity: "notice",
        label: `Lines over ${LONG_LINE.toLocaleString("en-US")} characters in a file that was not minified`,
        count: (text) => (text.length > LONG_LINE ? 1 : 0),
      },
      { kind: "high-entropy", severity: "notice", label: "High-entropy strings (packed or encoded data)", count: highEntropyStrings },
    ],
  };
}

/** What group `i` of the combined regex stands for. */
type Alternative = { detector: Detector; along: boolean } | "url";

/**
 * Every pattern as one alternation, a capturing group each, so a line is
 * scanned once however many patterns there are (most lines match none).
 */
function combine(detectors: Detector[]): { regex: RegExp; quick: RegExp; alternatives: Alternative[] } {
  const alternatives: Alternative[] = [];
  const sources: string[] = [];
  for (const detector of detectors) {
    const { regex, alongWith } = detector.pattern!;
    for (const [source, along] of [[regex.source, false], ...(alongWith ? [[alongWith.source, true] as const] : [])] as const) {
      // A pattern's own capturing group would shift the numbering below.
      if (new RegExp(`${source}|`).exec("")!.length > 1) throw new Error(`Code pattern ${detector.label} has a capturing group`);
      sources.push(`(${source})`);
      alternatives.push({ detector, along });
    }
  }
  sources.push("(://)");
  alternatives.push("url");
  // The same alternation without groups or look-behinds (a looser test, the exact one follows)
  // answers "anything here?" about twice as fast; most lines answer no.
  const quick = new RegExp(sources.map((source) => source.slice(1, -1).replace(/\(\?<[!=]\[[^\]]*\]\)/g, "")).join("|"));
  return { regex: new RegExp(sources.join("|"), "g"), quick, alternatives };
}

/**
 * Risky constructs on added lines of code files, so code that was already
 * there does not alarm again: a kind of hit is reported for a file only
 * when its added lines hold more of it than its removed lines (a moved,
 * reformatted or re-minified `eval` is not new). Counts per file, the first
 * five hits linked. Added files whose hunks were not kept are read from
 * their bytes; changed files without hunks are listed as not scanned.
 *
 * @example
 * const rule = riskyCodeRule(context);
 * for (const file of files) rule.visit(file);
 * rule.finish(); // → [{ kind: "eval", severity: "notice", message: "eval( or new Function( added in lib/a.js (1 place)", … }]
 */
export function riskyCodeRule(context: ReviewContext): FileRule {
  const detectors = detectorsFor(context.rules.patterns);
  const all = [...detectors.regex, ...detectors.long];
  const { regex: combined, quick, alternatives } = combine(detectors.regex);
  const scans: FileScan[] = [];
  const notScanned: string[] = [];

  const tally = (scan: FileScan, detector: Detector, line: NumberedLine, found: number): void => {
    let counted = scan.tallies.get(detector);
    if (!counted) scan.tallies.set(detector, (counted = { added: 0, removed: 0, lines: [] }));
    if (line.sign === "-") {
      counted.removed += found;
      return;
    }
    counted.added += found;
    const last = counted.lines[counted.lines.length - 1];
    if (last !== line.line && counted.lines.length < MAX_ANCHORS) counted.lines.push(line.line);
  };

  const scanLine = (scan: FileScan, line: NumberedLine, applies: (d: Detector) => boolean): void => {
    const { text } = line;
    combined.lastIndex = 0;
    let urls = false;
    const hinted = quick.test(text);
    for (let match = hinted ? combined.exec(text) : null; match !== null; match = combined.exec(text)) {
      let group = 1;
      while (match[group] === undefined) group++;
      const alternative = alternatives[group - 1]!;
      if (alternative === "url") urls = true;
      else if (applies(alternative.detector) && !alternative.detector.pattern!.unless?.test(text)) {
        if (alternative.along) {
          if (line.sign === "+") scan.along.add(alternative.detector);
        } else tally(scan, alternative.detector, line, 1);
      }
    }
    if (urls && line.sign === "+") {
      for (const match of text.matchAll(HOST)) {
        const host = match[1]!.toLowerCase().replace(/\.+$/, "");
        if (host && !scan.hosts.has(host)) scan.hosts.set(host, line.line);
      }
    }
    if (text.length > LONG_ENOUGH) {
      for (const detector of detectors.long) {
        const found = detector.count!(text);
        if (found > 0) tally(scan, detector, line, found);
      }
    }
  };

  /**
   * One regex call over a file's added lines joined, instead of one per
   * line: the common file, with nothing risky added, costs a join and a scan.
   */
  const worthScanning = (file: FileDiff): boolean => {
    const added: string[] = [];
    for (const hunk of file.hunks ?? []) {
      for (const line of hunk.lines) {
        if (line.charCodeAt(0) !== 43 /* + */) continue;
        if (line.length > LONG_ENOUGH + 1) return true;
        added.push(line);
      }
    }
    return quick.test(added.join("\n"));
  };

  const linesOf = (file: FileDiff): Iterable<NumberedLine> | undefined => {
    if (file.hunks) return changedLines(file, "+");
    const added = newFileOf(context, file);
    if (file.status === "added" && added && !added.binary && added.bytes.byteLength <= MAX_SCAN_BYTES) {
      return allLinesAsAdded(added.bytes);
    }
    return undefined;
  };

  return {
    visit(file) {
      if (file.status === "removed" || file.binary || file.note !== undefined || !context.rules.isCode(file.path)) return;
      const lines = linesOf(file);
      if (!lines) {
        notScanned.push(file.path);
        return;
      }
      if (file.hunks && !worthScanning(file)) return;
      const applies = (d: Detector) => d.pattern?.appliesTo?.(file.path) ?? true;
      const scan: FileScan = { file, tallies: new Map(), along: new Set(), hosts: new Map() };
      for (const line of lines) scanLine(scan, line, applies);
      // Removed lines only offset hits on added lines: most files have none, and skip this.
      if (file.hunks && scan.tallies.size > 0) for (const line of changedLines(file, "-")) scanLine(scan, line, applies);
      if (scan.tallies.size > 0 || scan.hosts.size > 0) scans.push(scan);
    },
    finish() {
      const hits = new Map<Detector, Hit[]>(all.map((d) => [d, []]));
      const hostFindings: Finding[] = [];
      for (const scan of scans) {
        for (const [detector, tally] of scan.tallies) {
          if (tally.added <= tally.removed) continue;
          if (detector.pattern?.alongWith && !scan.along.has(detector)) continue;
          if (detector.kind === "long-line" && !longLinesAreNew(context, scan.file)) continue;
          hits.get(detector)!.push({ detector, file: scan.file, tally });
        }
        const hostFinding = newHostsFinding(context, scan);
        if (hostFinding) hostFindings.push(hostFinding);
      }
      const findings = [...hits.values()].flatMap(findingsOf);
      findings.push(...hostFindings);
      if (notScanned.length > 0) findings.push(notScannedFinding(notScanned));
      return findings;
    },
  };
}

/** Long lines alarm only in a file that existed and was not minified: a minified file is long lines by nature. */
function longLinesAreNew(context: ReviewContext, file: FileDiff): boolean {
  const old = oldFileOf(context, file);
  return old !== undefined && collapseReason(old.path, old.bytes) !== "minified";
}

function times(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "place" : "places"}`;
}

function findingsOf(hits: Hit[]): Finding[] {
  const shown = hits.slice(0, MAX_FILES_PER_DETECTOR).map(({ detector, file, tally }): Finding => ({
    kind: detector.kind,
    severity: detector.severity,
    message: `${detector.label} added in ${file.path} (${times(tally.added)})`,
    file: file.path,
    anchors: tally.lines.map((line) => lineAnchor(file.path, "+", line)),
    data: { count: tally.added, removed: tally.removed },
  }));
  const rest = hits.slice(MAX_FILES_PER_DETECTOR);
  if (rest.length > 0) {
    const { detector } = rest[0]!;
    const total = rest.reduce((sum, hit) => sum + hit.tally.added, 0);
    shown.push({
      kind: detector.kind,
      severity: detector.severity,
      message: `${detector.label} also added in ${rest.length} more files (${times(total)})`,
      anchors: rest.slice(0, MAX_ANCHORS).map((hit) => fileAnchor(hit.file.path)),
      data: { files: rest.map((hit): JsonValue => ({ path: hit.file.path, count: hit.tally.added })) },
    });
  }
  return shown;
}

/** Hosts named on added lines that the old file never named. */
function newHostsFinding(context: ReviewContext, scan: FileScan): Finding | undefined {
  if (scan.hosts.size === 0) return undefined;
  const old = oldFileOf(context, scan.file);
  // Searched in the old bytes as they are (hosts are ASCII): decoding and lower-casing a
  // 9 MB file for each scanned file cost more than the whole rest of the summary.
  const oldBytes = old && !old.binary ? Buffer.from(old.bytes.buffer, old.bytes.byteOffset, old.bytes.byteLength) : undefined;
  const fresh = [...scan.hosts].filter(([host]) => oldBytes === undefined || oldBytes.indexOf(host, 0, "latin1") === -1);
  if (fresh.length === 0) return undefined;
  const path = scan.file.path;
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
    message: `${paths.length === 1 ? "1 changed code file was" : `${paths.length} changed code files were`} not scanned for risky code (too large or too slow to diff): ${listed}`,
    anchors: paths.slice(0, MAX_ANCHORS).map(fileAnchor),
    data: { files: paths },
  };
}
