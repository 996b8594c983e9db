import { bigFilesRule } from "./big-files";
import { type FileRule, createReviewContext } from "./context";
import { dependencyFindings } from "./dependencies";
import { installFilesRule } from "./install-files";
import { binFindings, installScriptFindings } from "./install-scripts";
import { fileCount, licenseFileRule, licenseFindings, releaseFindings, shapeFindings, sizeFinding } from "./package-shape";
import { riskyCodeRule } from "./risky-code";
import { notAvailable, trustFindings } from "./trust";
import type { Finding, ReviewInput, ReviewSummary, Severity } from "./types";

/** The headline when no finding needs attention or is a notice. */
export const NOTHING_OF_NOTE = "No install scripts, no new dependencies, no risky code added";

const RANK: Record<Severity, number> = { attention: 0, notice: 1, info: 2 };

/**
 * "2 things need attention · 3 notices", or NOTHING_OF_NOTE; info
 * findings are listed but never make the headline.
 *
 * @example
 * headline({ attention: 2, notice: 3, info: 1 }) // → "2 things need attention · 3 notices"
 * headline({ attention: 0, notice: 1, info: 0 }) // → "1 notice"
 * headline({ attention: 0, notice: 0, info: 4 }) // → NOTHING_OF_NOTE
 */
export function headline(counts: Record<Severity, number>): string {
  const parts: string[] = [];
  if (counts.attention > 0) parts.push(`${counts.attention} ${counts.attention === 1 ? "thing needs" : "things need"} attention`);
  if (counts.notice > 0) parts.push(`${counts.notice} ${counts.notice === 1 ? "notice" : "notices"}`);
  return parts.length > 0 ? parts.join(" · ") : NOTHING_OF_NOTE;
}

/** Drops unset optional fields and empty anchor lists, so the JSON says only what is known and round-trips unchanged. */
function clean(finding: Finding): Finding {
  const out: Finding = { kind: finding.kind, severity: finding.severity, message: finding.message };
  if (finding.file !== undefined) out.file = finding.file;
  if (finding.anchors && finding.anchors.length > 0) out.anchors = [...new Set(finding.anchors)];
  if (finding.data !== undefined) out.data = finding.data;
  return out;
}

/**
 * The review summary of one upgrade: every rule in one pass over the diff's
 * files (file rules look at each file once; manifest, registry and
 * dependency rules read the two manifests and the release metadata), then
 * the findings most severe first, by the ecosystem's table the caller
 * hands over (`input.rules`, an `Ecosystem.review`). Deterministic: the same input gives the
 * same JSON, so it is cached with the diff.
 *
 * @example
 * const summary = summarize({ rules: npmEcosystem.review, dependencyLink, name: "express", from, to, files: diff.files });
 * summary.headline; // → "1 notice"
 * summary.dependencies.find((d) => d.name === "cookie"); // → { name: "cookie", type: "dependencies", from: "0.5.0", to: "0.6.0", change: "major", link: "/diff/cookie/0.5.0..0.6.0" }
 */
export function summarize(input: ReviewInput): ReviewSummary {
  const context = createReviewContext(input);
  const { rules } = input;
  const installFiles = installFilesRule(context);
  const riskyCode = riskyCodeRule(context);
  const bigFiles = bigFilesRule(context);
  const licenseFiles = licenseFileRule();
  const fileRules: FileRule[] = [installFiles, riskyCode, bigFiles, licenseFiles];
  for (const file of input.files) for (const rule of fileRules) rule.visit(file);

  const { scripts, findings: scriptFindings } = installScriptFindings(context);
  const { dependencies, findings: dependencyNotes } = dependencyFindings(context);
  const size = { from: input.from.tree.unpackedBytes, to: input.to.tree.unpackedBytes };
  const files = { from: fileCount(input.from.tree), to: fileCount(input.to.tree) };
  const findings: Finding[] = [
    ...scriptFindings,
    ...installFiles.finish(),
    ...binFindings(context),
    ...riskyCode.finish(),
    ...bigFiles.finish(),
    ...trustFindings(context),
    ...dependencyNotes,
    ...(rules.dependenciesFrom === "registry" && !(input.from.meta?.dependencies && input.to.meta?.dependencies)
      ? [notAvailable(["dependencies"])]
      : []),
    ...shapeFindings(context),
    ...licenseFindings(context),
    ...licenseFiles.finish(),
    ...releaseFindings(context),
  ];
  const shapeOfSize = sizeFinding(size, files);
  if (shapeOfSize) findings.push(shapeOfSize);

  // Array.prototype.sort is stable: within a severity, rules keep their order.
  const sorted = findings.map(clean).sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const counts: Record<Severity, number> = { attention: 0, notice: 0, info: 0 };
  for (const finding of sorted) counts[finding.severity]++;
  return { headline: headline(counts), counts, findings: sorted, dependencies, scripts, size, files };
}
