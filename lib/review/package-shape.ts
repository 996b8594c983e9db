import type { FileDiff } from "../diff/types";
import { formatBytes } from "../format-bytes";
import { fileAnchor } from "../render/anchors";
import type { PackageTree } from "../tarball/types";
import type { FileRule, ReviewContext } from "./context";
import { firstChangedLine, lineAnchor } from "./lines";
import { type Manifest, canonicalJson, isRecord, keyAnchors } from "./manifest";
import type { Finding, ReviewSide, Severity } from "./types";

/**
 * Manifest fields that decide how the package is loaded and where it runs.
 * `type` and `exports` can break a consumer's imports on their own; the
 * others are worth knowing.
 */
const SHAPE_FIELDS: readonly { field: string; severity: Severity }[] = [
  { field: "type", severity: "notice" },
  { field: "exports", severity: "notice" },
  { field: "main", severity: "info" },
  { field: "types", severity: "info" },
  { field: "typings", severity: "info" },
  { field: "engines", severity: "info" },
  { field: "os", severity: "info" },
  { field: "cpu", severity: "info" },
  { field: "files", severity: "info" },
];
/** A field's value is shown in the message when it is this short; longer ones just "changed". */
const SHOWN_VALUE = 60;
/** The size finding appears when the package grew or shrank by this factor… */
const SIZE_FACTOR = 1.5;
/** …and by at least this much. */
const SIZE_MIN_DELTA = 10 * 1024;

const LICENSE_FILE = /^(?:licen[cs]e|copying|unlicense)(?:[.-].*)?$/i;

function shownValue(value: unknown): string {
  if (value === undefined) return "(none)";
  const json = canonicalJson(value);
  return json.length <= SHOWN_VALUE ? json : "";
}

/**
 * Changes to the manifest fields that shape how the package loads
 * (`main`, `exports`, `types`, `type`, `engines`, `os`, `cpu`, `files`).
 *
 * @example
 * shapeFindings(context) // → [{ kind: "manifest-field", severity: "notice", message: 'type: "commonjs" → "module"', … }]
 */
export function shapeFindings(context: ReviewContext): Finding[] {
  const { oldManifest: before, newManifest: after } = context;
  if (!before || !after) return [];
  const manifestDiff = context.rules.manifestPath ? context.diffs.get(context.rules.manifestPath) : undefined;
  const findings: Finding[] = [];
  for (const { field, severity } of SHAPE_FIELDS) {
    const was = before[field];
    const is = after[field];
    if (canonicalJson(was) === canonicalJson(is)) continue;
    const a = shownValue(was);
    const b = shownValue(is);
    findings.push({
      kind: "manifest-field",
      severity,
      message: a && b ? `${field}: ${a} → ${b}` : `${field} ${is === undefined ? "removed" : was === undefined ? "added" : "changed"}`,
      file: context.rules.manifestPath,
      anchors: keyAnchors(manifestDiff, field, is === undefined ? "-" : "+"),
      data: { field },
    });
  }
  return findings;
}

/** The license a manifest declares: SPDX `license`, or the old `{ type }` and `licenses: [...]` forms. */
export function declaredLicense(manifest: Manifest | undefined): string | undefined {
  if (!manifest) return undefined;
  const { license, licenses } = manifest;
  if (typeof license === "string") return license;
  if (isRecord(license) && typeof license.type === "string") return license.type;
  if (Array.isArray(licenses)) {
    const types = licenses.map((l: unknown) => (isRecord(l) && typeof l.type === "string" ? l.type : undefined)).filter(Boolean);
    if (types.length > 0) return types.join(" OR ");
  }
  return undefined;
}

/**
 * The license field's change: from each tarball's manifest (npm), the
 * release's own metadata file (Hex's metadata.config, through
 * `rules.declaredLicense`), else the registry's metadata. Dropping a
 * license is a notice; adding one is good news (info).
 *
 * @example
 * licenseFindings(context) // → [{ kind: "license-changed", severity: "notice", message: "License changed: MIT → GPL-3.0-only" }]
 */
export function licenseFindings(context: ReviewContext): Finding[] {
  const { rules, input } = context;
  const registry = rules.manifestPath === undefined;
  const fromRelease = (side: ReviewSide): string | undefined => rules.declaredLicense?.(side.tree) ?? side.meta?.license;
  const was = registry ? fromRelease(input.from) : declaredLicense(context.oldManifest);
  const is = registry ? fromRelease(input.to) : declaredLicense(context.newManifest);
  const unknown = (side: ReviewSide): boolean => side.meta === undefined && rules.declaredLicense === undefined;
  if (was === is || (registry && (unknown(input.from) || unknown(input.to)))) return [];
  const manifestDiff = context.rules.manifestPath ? context.diffs.get(context.rules.manifestPath) : undefined;
  return [
    {
      kind: "license-changed",
      severity: is === undefined || was !== undefined ? "notice" : "info",
      message:
        was === undefined ? `License added: ${is}` : is === undefined ? `License removed (was ${was})` : `License changed: ${was} → ${is}`,
      file: context.rules.manifestPath,
      anchors: keyAnchors(manifestDiff, "license", "+"),
      data: { from: was ?? null, to: is ?? null },
    },
  ];
}

/**
 * LICENSE / COPYING files whose text changed or that went away (notice),
 * linked to their first changed line.
 *
 * @example
 * licenseFileRule().visit(licenseDiff) // then finish() → [{ kind: "license-file-changed", message: "LICENSE changed", … }]
 */
export function licenseFileRule(): FileRule {
  const findings: Finding[] = [];
  return {
    visit(file: FileDiff) {
      const base = file.path.slice(file.path.lastIndexOf("/") + 1);
      if (file.status === "added" || !LICENSE_FILE.test(base)) return;
      if (file.status === "renamed" && file.additions === 0 && file.deletions === 0) return;
      const first = firstChangedLine(file);
      findings.push({
        kind: "license-file-changed",
        severity: "notice",
        message: file.status === "removed" ? `${file.path} removed` : `${file.path} changed`,
        file: file.path,
        anchors: [first ? lineAnchor(file.path, first.sign, first.line) : fileAnchor(file.path)],
      });
    },
    finish: () => findings,
  };
}

/** Count of regular files. */
export function fileCount(tree: PackageTree): number {
  let count = 0;
  for (const entry of tree.entries.values()) if (entry.kind === "file") count++;
  return count;
}

/** An info finding when the package grew or shrank a lot. */
export function sizeFinding(size: { from: number; to: number }, files: { from: number; to: number }): Finding | undefined {
  const delta = Math.abs(size.to - size.from);
  const factor = size.from === 0 ? Infinity : size.to / size.from;
  if (delta < SIZE_MIN_DELTA || (factor < SIZE_FACTOR && factor > 1 / SIZE_FACTOR)) return undefined;
  return {
    kind: "size-changed",
    severity: "info",
    message: `Unpacked size ${formatBytes(size.from)} → ${formatBytes(size.to)}, files ${files.from} → ${files.to}`,
    data: { from: size.from, to: size.to },
  };
}

const UNITS: readonly [string, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];

/**
 * A duration in its largest whole unit.
 *
 * @example
 * formatDuration(3 * 24 * 3600_000) // → "3 days"
 * formatDuration(30_000) // → "less than a minute"
 */
export function formatDuration(ms: number): string {
  for (const [unit, size] of UNITS) {
    const count = Math.floor(ms / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? "" : "s"}`;
  }
  return "less than a minute";
}

/** Deprecation (npm) or retirement (Hex) of `to`, and the time between the two publishes. */
export function releaseFindings(context: ReviewContext): Finding[] {
  const { from, to } = context.input;
  const findings: Finding[] = [];
  if (to.meta?.deprecated) {
    findings.push({ kind: "deprecated", severity: "notice", message: `${to.version} is deprecated: ${oneLine(to.meta.deprecated)}` });
  }
  if (to.meta?.retired) {
    const { reason, message } = to.meta.retired;
    findings.push({
      kind: "retired",
      severity: "notice",
      message: `${to.version} is retired (${reason})${message ? `: ${oneLine(message)}` : ""}`,
      data: { reason, message: message ?? null },
    });
  }
  const a = Date.parse(from.meta?.publishedAt ?? "");
  const b = Date.parse(to.meta?.publishedAt ?? "");
  if (Number.isFinite(a) && Number.isFinite(b)) {
    findings.push({
      kind: "publish-interval",
      severity: "info",
      message: `${to.version} was published ${formatDuration(Math.abs(b - a))} ${b >= a ? "after" : "before"} ${from.version}`,
      data: { ms: b - a },
    });
  }
  return findings;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
