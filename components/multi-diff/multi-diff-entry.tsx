import { Suspense } from "react";
import { DiffContent } from "@/components/diff/diff-view";
import { markUncacheable } from "@/lib/http/response-scope";
import { toProblem } from "@/lib/http/problem";
import { DEFAULT_PAGE_BUDGET, type PageBudget } from "@/lib/render/page-budget";
import type { DiffPageOptions } from "@/lib/routes/diff-options";
import { diffPath, encodeName } from "@/lib/routes/diff-path";
import type { DiffResult } from "@/lib/service/diff-service";
import type { RequestContext } from "@/lib/service/request-context";
import { type DiffsEntry, ecosystemPrefix, entryKey } from "@/lib/upgrades/entries";
import { loadEntryDiff } from "@/lib/upgrades/resolve-entries";
import { groupDigits } from "@/lib/format-count";

/** Entries shown open; the rest start folded (a native <details>, so without JavaScript too). */
export const OPEN_ENTRIES = 3;

/** The open entries share one diff page's budget; a folded one renders no rows until opened and scrolled to. */
const OPEN_BUDGET: PageBudget = { ...DEFAULT_PAGE_BUDGET, maxPageBytes: Math.floor(DEFAULT_PAGE_BUDGET.maxPageBytes / OPEN_ENTRIES) };
const FOLDED_BUDGET: PageBudget = { ...DEFAULT_PAGE_BUDGET, maxPageBytes: 0 };

interface Props {
  entry: DiffsEntry;
  options: DiffPageOptions;
  context: RequestContext;
  open: boolean;
}

/** One upgrade of `/diffs`: its own Suspense boundary, so it never waits for the others. */
export function MultiDiffEntry(props: Props) {
  return (
    <Suspense fallback={<PendingEntry entry={props.entry} open={props.open} />}>
      <LoadedEntry {...props} />
    </Suspense>
  );
}

function PendingEntry({ entry, open }: { entry: DiffsEntry; open: boolean }) {
  return (
    <details className="multi-entry" open={open} data-testid="multi-entry" data-entry={entryKey(entry)} data-state="pending" aria-busy="true">
      <summary>
        <EntryName entry={entry} />
        <span className="versions">
          {entry.from} → {entry.to ?? "latest"}
        </span>
        <span className="muted">Computing the diff…</span>
      </summary>
    </details>
  );
}

async function LoadedEntry({ entry, options, context, open }: Props) {
  const loaded = await loadEntryDiff(entry, { ignoreWhitespace: options.ignoreWhitespace }, context);
  if (!loaded.ok) return <FailedEntry entry={loaded.entry} error={loaded.error} />;
  const { diff } = loaded;
  const prefix = entry.ecosystem.urlPrefix;
  const level = diff.summary ? (diff.summary.counts.attention > 0 ? "attention" : diff.summary.counts.notice > 0 ? "notice" : "quiet") : "none";
  return (
    <details className="multi-entry" open={open} data-testid="multi-entry" data-entry={entryKey(entry)} data-state="ready">
      <summary>
        <EntryName entry={entry} diff={diff} query={viewQuery(options)} />
        <span className="versions">
          {diff.from} → {diff.to}
        </span>
        <span className="totals" data-testid="entry-totals">
          {groupDigits(diff.totals.files)} {diff.totals.files === 1 ? "file" : "files"}, <span className="add">+{groupDigits(diff.totals.additions)}</span>{" "}
          <span className="del">−{groupDigits(diff.totals.deletions)}</span>
        </span>
        {diff.summary && (
          <span className={`multi-headline review-${level}`} data-testid="entry-headline">
            {diff.summary.headline}
          </span>
        )}
        <span className="actions">
          <a href={diffPath(diff.name, diff.from, diff.to, "patch", prefix) + (options.ignoreWhitespace ? "?w=1" : "")}>.patch</a>
          <a href={`/api/v1${diffPath(diff.name, diff.from, diff.to, "html", prefix)}`}>JSON</a>
        </span>
      </summary>
      <div className="multi-body">
        <DiffContent diff={diff} options={options} prefix={prefix} budget={open ? OPEN_BUDGET : FOLDED_BUDGET} anchorScope={anchorScope(entry, diff)} />
      </div>
    </details>
  );
}

/** The package's name, linking to its own diff page once the versions are known. */
function EntryName({ entry, diff, query = "" }: { entry: DiffsEntry; diff?: DiffResult; query?: string }) {
  const label = entry.ecosystem.urlPrefix === "" ? null : <span className="multi-eco">{entry.ecosystem.label}</span>;
  return (
    <h2 className="multi-name">
      {label}
      {diff ? <a href={diffPath(diff.name, diff.from, diff.to, "html", entry.ecosystem.urlPrefix) + query}>{entry.name}</a> : entry.name}
    </h2>
  );
}

/** What went wrong for this entry, in its place (the others render on). */
function FailedEntry({ entry, error }: { entry: DiffsEntry; error: unknown }) {
  // The page's 200 is out already: keep this server from replaying an answer with a failure in it.
  markUncacheable();
  const problem = toProblem(error);
  if (problem.status === 500) console.error(error);
  const prefix = entry.ecosystem.urlPrefix;
  return (
    <details className="multi-entry multi-failed" open data-testid="multi-entry" data-entry={entryKey(entry)} data-state="failed">
      <summary>
        <EntryName entry={entry} />
        <span className="versions">
          {entry.from} → {entry.to ?? "latest"}
        </span>
        <span className="multi-status" data-testid="entry-status">
          {problem.status}
        </span>
      </summary>
      <div className="multi-error" role="alert" data-testid="entry-error">
        <p>{problem.message}</p>
        {problem.retryAfter && <p>Try again in {problem.retryAfter} s.</p>}
        {problem.nearest && problem.nearest.length > 0 && (
          <p>
            Nearest published versions:{" "}
            {problem.nearest.map((v, i) => (
              <span key={v}>
                {i > 0 && ", "}
                <a href={`${prefix}/diff/${encodeName(entry.name)}/${encodeURIComponent(v)}`}>{v}</a>
              </span>
            ))}
          </p>
        )}
      </div>
    </details>
  );
}

/**
 * What this entry's anchors carry (lib/render/anchors `fileAnchor`), so that
 * two packages' `package.json` on one page keep one anchor each:
 * `react@18.2.0..18.3.1`, `hex:decimal@2.1.0..2.1.1`.
 */
export function anchorScope(entry: DiffsEntry, diff: Pick<DiffResult, "name" | "from" | "to">): string {
  return `${ecosystemPrefix(entry.ecosystem)}${diff.name}@${diff.from}..${diff.to}`;
}

function viewQuery(options: DiffPageOptions): string {
  const params = new URLSearchParams();
  if (options.view === "split") params.set("view", "split");
  if (options.ignoreWhitespace) params.set("w", "1");
  const query = params.toString();
  return query ? `?${query}` : "";
}
