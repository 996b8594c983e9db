import type { DiffPageOptions } from "@/lib/routes/diff-options";
import { type ReactNode, Suspense } from "react";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { DiffResult, DiffTrees } from "@/lib/service/diff-service";
import { fileAnchor, scopedAnchor } from "@/lib/render/anchors";
import { type PageBudget, planInlineRows } from "@/lib/render/page-budget";
import { browsePath, rawPath } from "@/lib/browse/browse-path";
import { diffPath } from "@/lib/routes/diff-path";
import { fileApiUrl } from "@/lib/endpoints/file-endpoint";
import { FileSection } from "./file-section";
import { ReviewPanel } from "./review-panel";
import { ContextExpander } from "./context-expander";
import { CopyLink } from "./copy-link";
import { FileTree } from "./file-tree";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { LineLinks } from "./line-links";
import { ViewControls } from "./view-controls";
import { Counts, StatusBadge } from "./status";
import { groupDigits } from "@/lib/format-count";

const NOSCRIPT_STYLE = '<style>div[hidden][id^="S:"]{display:block!important}.file-pending{display:none}</style>';

interface Props {
  diff: DiffResult;
  options: DiffPageOptions;
  /** The ecosystem's URL prefix ("" for npm). */
  prefix?: string;
}

/**
 * The diff page body: header and file list first, then every file (each
 * streams in on its own).
 */
export function DiffView({ diff, options, prefix = "" }: Props) {
  const patchHref = patchPath(diff, prefix);
  return (
    <>
      <DiffPageScripts />
      <div className="diff-head">
        <h1 data-testid="diff-title">{diff.name}</h1>
        <span className="versions">
          {diff.from} → {diff.to}
        </span>
        <span className="totals" data-testid="totals">
          {groupDigits(diff.totals.files)} {diff.totals.files === 1 ? "file" : "files"} changed,{" "}
          <span className="add">+{groupDigits(diff.totals.additions)}</span> <span className="del">−{groupDigits(diff.totals.deletions)}</span>
        </span>
        <ViewControls view={options.view} ignoreWhitespace={options.ignoreWhitespace} />
        <span className="actions">
          <CopyLink />
          <a href={patchHref}>.patch</a>
          <a href={`/api/v1${diffPath(diff.name, diff.from, diff.to, "html", prefix)}`}>JSON</a>
        </span>
      </div>
      <DiffContent diff={diff} options={options} prefix={prefix} />
    </>
  );
}

/** What a page with diffs needs once, however many diffs it shows: the no-JS style and the page-wide listeners. */
export function DiffPageScripts() {
  return (
    <>
      {/* Without JavaScript React cannot swap streamed sections into place: show them where they arrived. */}
      <noscript dangerouslySetInnerHTML={{ __html: NOSCRIPT_STYLE }} />
      <LineLinks />
      <ContextExpander />
      <KeyboardShortcuts />
    </>
  );
}

function patchPath(diff: DiffResult, prefix: string): string {
  return diffPath(diff.name, diff.from, diff.to, "patch", prefix) + (diff.options.ignoreWhitespace ? "?w=1" : "");
}

/**
 * One diff under its header: the review summary, the file list, the file tree and every
 * file. `budget` bounds what the first response renders inline (a page of many diffs
 * shares one page's budget among them).
 */
export function DiffContent({ diff, options, prefix = "", budget, anchorScope }: Props & { budget?: PageBudget; anchorScope?: string }) {
  const inline = planInlineRows(diff.files, budget);
  const treeFiles = diff.files.map((f) => ({
    path: f.path,
    ...(f.oldPath ? { oldPath: f.oldPath } : {}),
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    anchor: scopedAnchor(fileAnchor(f.path), anchorScope),
  }));
  return (
    <>
      {diff.summary && <ReviewPanel summary={diff.summary} anchorScope={anchorScope} />}
      {diff.files.length === 0 ? (
        <p className="muted">These versions have identical files.</p>
      ) : (
        // Long lists start folded: the file tree beside the diff covers them.
        <details className="file-list-box" open={diff.files.length <= 30}>
          <summary>
            {groupDigits(diff.files.length)} changed {diff.files.length === 1 ? "file" : "files"}
          </summary>
          <ul className="file-list" aria-label="Changed files" data-testid="file-list">
            {diff.files.map((file) => (
              <li key={file.path}>
                <StatusBadge status={file.status} />
                <a className="path" href={`#${scopedAnchor(fileAnchor(file.path), anchorScope)}`}>
                  {file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
                </a>
                <Counts file={file} />
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="diff-layout">
        {diff.files.length > 0 && (
          <aside className="diff-sidebar">
            <FileTree files={treeFiles} />
          </aside>
        )}
        <div className="diff-files">
          {diff.files.length > 0 && <FileSections diff={diff} options={options} prefix={prefix} inline={inline} anchorScope={anchorScope} />}
        </div>
      </div>
    </>
  );
}

/** Files rendered per turn of the event loop on a page of many files (see FileSections). */
const SECTIONS_PER_TURN = 20;

/**
 * Every file's section, once the diff's trees are at hand (a diff restored
 * from a cache loads them now). A diff of many files is rendered
 * SECTIONS_PER_TURN files at a time, each group a turn of the event loop
 * after the one before (Suspense, no fallback: they stream in, in order, and
 * React puts each group in its place), so a 340-file page does not hold the
 * server for its whole first render. Without JavaScript the later groups
 * show where they arrived, below the page's layout (NOSCRIPT_STYLE), as
 * every streamed section does.
 */
async function FileSections(props: Props & { inline: number[]; anchorScope?: string }) {
  const trees = await props.diff.trees();
  const sections = fileSections(props, trees);
  if (sections.length <= SECTIONS_PER_TURN) return sections;
  let turn: Promise<unknown> = Promise.resolve();
  const groups: ReactNode[] = [sections.slice(0, SECTIONS_PER_TURN)];
  for (let start = SECTIONS_PER_TURN; start < sections.length; start += SECTIONS_PER_TURN) {
    turn = turn.then(() => nextTurn());
    groups.push(
      <Suspense key={start} fallback={null}>
        <AfterTurn turn={turn}>{sections.slice(start, start + SECTIONS_PER_TURN)}</AfterTurn>
      </Suspense>,
    );
  }
  return groups;
}

async function AfterTurn({ turn, children }: { turn: Promise<unknown>; children: ReactNode }) {
  await turn;
  return children;
}

function fileSections({ diff, options, prefix, inline, anchorScope }: Props & { inline: number[]; anchorScope?: string }, trees: DiffTrees): ReactNode[] {
  const patchHref = patchPath(diff, prefix ?? "");
  return diff.files.map((file, index) => (
    <FileSection
      key={file.path}
      diffKey={diff.key}
      anchor={scopedAnchor(fileAnchor(file.path), anchorScope)}
      file={file}
      oldTree={trees.old}
      newTree={trees.new}
      patchHref={patchHref}
      inlineRows={inline[index] ?? 0}
      view={options.view}
      sliceSrc={fileApiUrl("file", diff.name, diff.from, diff.to, file.path, options, prefix)}
      contextSrc={fileApiUrl("context", diff.name, diff.from, diff.to, file.path, options, prefix)}
      rawOld={`${rawPath(diff.name, diff.from, "", prefix)}/`}
      rawNew={`${rawPath(diff.name, diff.to, "", prefix)}/`}
      browseOld={`${browsePath(diff.name, diff.from, "", prefix)}/${encodeURI(file.oldPath ?? file.path)}`}
      browseNew={`${browsePath(diff.name, diff.to, "", prefix)}/${encodeURI(file.path)}`}
    />
  ));
}
