import { collapseReason } from "../diff/collapse";
import type { FileDiff } from "../diff/types";
import type { PackageFile } from "../tarball/types";
import { type Compiled, type Detector, compiledPatterns } from "./detectors";
import { type LineProbe, linesContaining, linesMatching, probeOf } from "./line-probe";
import { type LineSide, allLinesAsAdded, changedSides, textOf } from "./lines";
import { NARROW_FROM, narrowReplaced } from "./replaced-lines";
import type { EcosystemRules } from "./rules";

/*
 * The risky-code rule's reading of one file (risky-code.ts reports what
 * it finds): plain data in, plain data out, so the worker pool can do it
 * where the file is diffed (scan-task.ts).
 */

/** Hits linked per file: enough to land on the code, few enough for one line of links. */
export const MAX_ANCHORS = 5;
/** An added file whose hunks were not kept is read from its bytes up to this size. */
const MAX_SCAN_BYTES = 64 * 1024 * 1024;

/** One kind of hit in one file: on added and removed lines, and the first added lines it is on. */
export interface Tally {
  added: number;
  removed: number;
  lines: number[];
}

const HOST = /\b(?:https?|wss?|ftp):\/\/([A-Za-z0-9][A-Za-z0-9.-]*)/g;

/** Long lines and packed strings: looked for on lines longer than this only. */
const LONG_ENOUGH = 100;

/** Every line of an added file read from its bytes, as added lines. */
function addedSideOf(bytes: Uint8Array): LineSide {
  const side: LineSide = { sign: "+", lines: [], skip: 0, numbers: [], longest: 0 };
  for (const line of allLinesAsAdded(bytes)) {
    side.lines.push(line.text);
    side.numbers.push(line.line);
    side.longest = Math.max(side.longest, line.text.length);
  }
  return side;
}

/**
 * What the risky-code rule found in one file, in a form that crosses
 * threads: detectors by their index in `compiledPatterns(rules.patterns).all`
 * (the same in every thread). The worker pool scans each file beside its
 * line diff (`diffAndScanTask`); `riskyCodeRule` scans the files it is not
 * handed a scan for.
 */
export interface RiskyScan {
  tallies: [detector: number, tally: Tally][];
  /** Detectors whose `alongWith` matched an added line. */
  along: number[];
  /** New-side line where each host first appears. */
  hosts: [host: string, line: number][];
}

/** One file's scan: what it holds, nothing worth keeping (undefined), or that it could not be scanned. */
export type RiskyScanResult = RiskyScan | "not-scanned" | undefined;

/** The two sides a file's scan may read: regular files only, the old one under its old path (`oldFileOf`, `newFileOf`). */
export interface ScannedSides {
  old?: PackageFile;
  new?: PackageFile;
}

/** Whether the scan reads `file` at all: changed or added code, not binary, not a special entry. */
export function isScanned(rules: EcosystemRules, file: FileDiff): boolean {
  return file.status !== "removed" && !file.binary && file.note === undefined && rules.isCode(file.path);
}

/**
 * Risky constructs, hosts and long lines on one file's changed lines (see
 * riskyCodeRule): its added lines, and its removed lines only where the
 * added ones hold something, to offset it. Added files whose hunks were not
 * kept are read from their bytes; changed files without hunks are
 * "not-scanned".
 *
 * @example
 * scanRiskyCode(NPM_REVIEW, file, { old: oldEntry, new: newEntry }); // → { tallies: [[3, { added: 1, removed: 0, lines: [12] }]], along: [], hosts: [] }
 */
export function scanRiskyCode(rules: EcosystemRules, file: FileDiff, sides: ScannedSides): RiskyScanResult {
  if (!isScanned(rules, file)) return undefined;
  const changed = changedSidesOf(file, sides.new);
  if (!changed) return "not-scanned";
  const compiled = compiledPatterns(rules.patterns);
  const { added } = changed;
  const applies = (d: Detector) => d.pattern?.appliesTo?.(file.path) ?? true;
  const scan: FileScan = { tallies: new Map(), along: new Set(), hosts: new Map() };
  const probe = probeOf(added);
  scanPatternsOf(compiled, scan, probe, applies);
  for (const i of linesContaining(probe, "://")) scanHosts(scan, added.numbers[i]!, textOf(added, i));
  const scanLongLines = added.longest - added.skip > LONG_ENOUGH && !wasMinified(sides.old);
  if (scanLongLines) scanLongOf(compiled, scan, added);
  // A part holds what changed; what a hit needs beside it (a file write beside homedir()) may be in the rest of its line.
  for (const detector of scan.tallies.keys()) {
    const along = detector.pattern?.alongWith;
    if (along && added.parts && !scan.along.has(detector) && added.lines.some((stored) => along.test(stored))) scan.along.add(detector);
  }
  // Removed lines only offset hits on added lines: most files have none, and skip this.
  // (`changed.removed` is built on first read: only here.)
  if (file.hunks && scan.tallies.size > 0) {
    const removed = changed.removed!;
    const tallied = [...scan.tallies.keys()];
    if (tallied.some((d) => d.pattern !== undefined)) scanPatternsOf(compiled, scan, probeOf(removed), applies);
    if (scanLongLines && tallied.some((d) => d.pattern === undefined)) scanLongOf(compiled, scan, removed);
  }
  if (scan.tallies.size === 0 && scan.hosts.size === 0) return undefined;
  const index = (detector: Detector) => compiled.all.indexOf(detector);
  return {
    tallies: [...scan.tallies].map(([detector, tally]) => [index(detector), tally]),
    along: [...scan.along].map(index),
    hosts: [...scan.hosts],
  };
}

/** A file's scan on the thread that reads it: detectors as themselves. */
export interface FileScan {
  tallies: Map<Detector, Tally>;
  along: Set<Detector>;
  hosts: Map<string, number>;
}

function tally(scan: FileScan, detector: Detector, sign: "+" | "-", line: number, found: number): void {
  let counted = scan.tallies.get(detector);
  if (!counted) scan.tallies.set(detector, (counted = { added: 0, removed: 0, lines: [] }));
  if (sign === "-") {
    counted.removed += found;
    return;
  }
  counted.added += found;
  const last = counted.lines[counted.lines.length - 1];
  if (last !== line && counted.lines.length < MAX_ANCHORS) counted.lines.push(line);
}

function scanPatterns({ combined, alternatives }: Compiled, scan: FileScan, sign: "+" | "-", line: number, text: string, applies: (d: Detector) => boolean): void {
  combined.lastIndex = 0;
  for (let match = combined.exec(text); match !== null; match = combined.exec(text)) {
    let group = 1;
    while (match[group] === undefined) group++;
    const { detector, along } = alternatives[group - 1]!;
    if (!applies(detector) || detector.pattern!.unless?.test(text)) continue;
    if (!along) tally(scan, detector, sign, line, 1);
    else if (sign === "+") scan.along.add(detector);
  }
}

function scanHosts(scan: FileScan, line: number, text: string): void {
  for (const match of text.matchAll(HOST)) {
    const host = match[1]!.toLowerCase().replace(/\.+$/, "");
    if (host && !scan.hosts.has(host)) scan.hosts.set(host, line);
  }
}

/** Patterns on the lines the quick regex finds something in (most files: none), each line read exactly. */
function scanPatternsOf(compiled: Compiled, scan: FileScan, probe: LineProbe, applies: (d: Detector) => boolean): void {
  const { sign, numbers } = probe.side;
  for (const i of linesMatching(probe, compiled.quick)) scanPatterns(compiled, scan, sign, numbers[i]!, textOf(probe.side, i), applies);
}

/** Long lines and packed strings, line by line: only in files that were not minified before, so rarely. */
function scanLongOf({ long }: Compiled, scan: FileScan, side: LineSide): void {
  const { sign, lines, skip, numbers } = side;
  for (let i = 0; i < lines.length; i++) {
    const length = lines[i]!.length - skip;
    if (length <= LONG_ENOUGH) continue;
    const text = textOf(side, i);
    for (const detector of long) {
      const found = detector.count!(text, length);
      if (found > 0) tally(scan, detector, sign, numbers[i]!, found);
    }
  }
}

/** Both sides of a file's changes: from its hunks, or for an added file whose hunks were not kept, from its bytes. */
function changedSidesOf(file: FileDiff, newFile: PackageFile | undefined): { added: LineSide; readonly removed?: LineSide } | undefined {
  if (file.hunks) {
    const sides = changedSides(file, NARROW_FROM);
    // Long lines replaced in place are read only where they differ from the old ones.
    narrowReplaced(sides);
    return sides;
  }
  if (file.status === "added" && newFile && !newFile.binary && newFile.bytes.byteLength <= MAX_SCAN_BYTES) return { added: addedSideOf(newFile.bytes) };
  return undefined;
}

/** The file's old side was minified (a file that did not exist was not). */
function wasMinified(old: PackageFile | undefined): boolean {
  return old !== undefined && collapseReason(old.path, old.bytes) === "minified";
}
