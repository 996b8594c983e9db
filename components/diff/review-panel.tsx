import { formatBytes } from "@/lib/format-bytes";
import { scopedAnchor } from "@/lib/render/anchors";
import type { DependencyChange, Finding, ReviewSummary, Severity } from "@/lib/review/types";
import { groupDigits } from "@/lib/format-count";

const GROUPS: { severity: Severity; title: string }[] = [
  { severity: "attention", title: "Needs attention" },
  { severity: "notice", title: "Notices" },
  { severity: "info", title: "For information" },
];

/** How many further links one finding shows; the rest are counted. */
const MAX_ANCHORS = 5;
/** Dependency rows shown (runtime types come first); the rest are counted, and all are in the JSON. */
export const MAX_DEPENDENCY_ROWS = 50;

const CHANGE_LABEL: Record<DependencyChange["change"], string> = {
  added: "added",
  removed: "removed",
  major: "major",
  minor: "minor",
  patch: "patch",
  prerelease: "prerelease",
  widened: "widened",
  narrowed: "narrowed",
  other: "changed",
};

/**
 * "What in this upgrade needs my attention": the review summary above the
 * file list. A headline, then findings by severity, each linking to the
 * file and lines that show it, then the dependency changes with links to
 * their own diffs. Server-rendered: works without JavaScript. Folded to one
 * line when nothing needs attention and nothing is a notice.
 */
export function ReviewPanel({ summary, anchorScope }: { summary: ReviewSummary; anchorScope?: string | undefined }) {
  const quiet = summary.counts.attention === 0 && summary.counts.notice === 0;
  const level = summary.counts.attention > 0 ? "attention" : summary.counts.notice > 0 ? "notice" : "quiet";
  return (
    <section className={`review review-${level}`} aria-label="Review summary" data-testid="review">
      <details open={!quiet}>
        <summary>
          <span className="review-headline" data-testid="review-headline">
            {summary.headline}
          </span>
          <span className="review-shape muted">
            {groupDigits(summary.files.from)} → {groupDigits(summary.files.to)} files · {formatBytes(summary.size.from)} → {formatBytes(summary.size.to)}
          </span>
        </summary>
        {GROUPS.map(({ severity, title }) => {
          const findings = summary.findings.filter((f) => f.severity === severity);
          if (findings.length === 0) return null;
          return (
            <div key={severity} className={`review-group sev-${severity}`} data-severity={severity}>
              <h2>{title}</h2>
              <ul>
                {findings.map((finding, i) => (
                  <FindingItem key={`${finding.kind}-${i}`} finding={finding} anchorScope={anchorScope} />
                ))}
              </ul>
            </div>
          );
        })}
        {summary.dependencies.length > 0 && <Dependencies changes={summary.dependencies} />}
      </details>
    </section>
  );
}

function FindingItem({ finding, anchorScope }: { finding: Finding; anchorScope: string | undefined }) {
  // The first anchor is the finding's own place: the message links there; the others follow it.
  const [first, ...rest] = (finding.anchors ?? []).map((anchor) => scopedAnchor(anchor, anchorScope));
  return (
    <li className="finding" data-kind={finding.kind}>
      {first ? <a href={`#${first}`}>{finding.message}</a> : <span>{finding.message}</span>}
      {rest.length > 0 && (
        <span className="finding-lines">
          {rest.slice(0, MAX_ANCHORS).map((anchor) => (
            <a key={anchor} href={`#${anchor}`} className="mono">
              {anchorLabel(anchor)}
            </a>
          ))}
          {rest.length > MAX_ANCHORS && <span className="muted">+{rest.length - MAX_ANCHORS} more</span>}
        </span>
      )}
    </li>
  );
}

function Dependencies({ changes }: { changes: DependencyChange[] }) {
  // A monorepo's bump can change hundreds: the page keeps its size, the JSON has them all.
  const shown = changes.slice(0, MAX_DEPENDENCY_ROWS);
  const more = changes.length - shown.length;
  return (
    <div className="review-group review-deps">
      <h2>Dependencies</h2>
      <table className="deps-table" data-testid="review-dependencies">
        <tbody>
          {shown.map((dep) => (
            <tr key={`${dep.type}:${dep.name}`} data-dependency={dep.name} data-change={dep.change}>
              <td className="mono">{dep.link ? <a href={dep.link}>{dep.name}</a> : dep.name}</td>
              <td className="muted">{dep.type}</td>
              <td className="mono">
                {dep.from ?? "—"} → {dep.to ?? "—"}
              </td>
              <td>
                <span className={`change change-${dep.change}`}>{CHANGE_LABEL[dep.change]}</span>
              </td>
            </tr>
          ))}
          {more > 0 && (
            <tr className="deps-more" data-testid="review-dependencies-more">
              <td colSpan={4} className="muted">
                and {more} more {more === 1 ? "change" : "changes"} (all in the JSON)
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What a link to an anchor says: `file-lib/a.js-R12` → `a.js:R12`,
 * `file-lib/a.js-R12-R20` → `a.js:R12–R20`, `file-lib/a.js` → `a.js`.
 */
function anchorLabel(anchor: string): string {
  const match = /^file-(.*?)(?:-([LR]\d+)(?:-([LR]\d+))?)?$/.exec(anchor);
  if (!match) return anchor;
  let path = match[1] ?? anchor;
  try {
    path = decodeURI(path);
  } catch {
    // Shown as written.
  }
  const file = path.slice(path.lastIndexOf("/") + 1);
  const lines = match[2] ? `:${match[2]}${match[3] ? `–${match[3]}` : ""}` : "";
  return file + lines;
}
