import { type ReactNode, Suspense } from "react";
import type { FileDiff } from "@/lib/diff/types";
import { rowCount } from "@/lib/render/diff-rows";
import { formatBytes } from "@/lib/format-bytes";
import { markUncacheable } from "@/lib/http/response-scope";
import { renderFileTable } from "@/lib/service/rendered-files";
import type { PackageTree } from "@/lib/tarball/types";
import { FileControls } from "./file-controls";
import { LazyRows } from "./lazy-rows";
import { Counts, StatusBadge } from "./status";
import { groupDigits } from "@/lib/format-count";

interface Props {
  diffKey: string;
  /** The section's id (`fileAnchor`, scoped on a page of many diffs). */
  anchor: string;
  file: FileDiff;
  oldTree: PackageTree;
  newTree: PackageTree;
  patchHref: string;
  /** Rows rendered in the first response (0: all of them load later). */
  inlineRows: number;
  /** Slice endpoint for the rows loaded later. */
  sliceSrc: string;
  /** Context endpoint for "show more" between and after hunks. */
  contextSrc: string;
  view: "unified" | "split";
  /** `/raw/<name>/<version>/` of each side, for images. */
  rawOld: string;
  rawNew: string;
  /** The file on the browse pages: at the old version (removed files) or the new one. */
  browseOld: string;
  browseNew: string;
}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|ico|bmp)$/i;

/**
 * One file of the diff. A file whose table is rendered in the pool
 * streams in (Suspense) once it is; meanwhile a header-only placeholder
 * stands in. The placeholder has no id, so anchors only ever find the real
 * section, and without JavaScript the streamed sections are shown by
 * DiffView's `<noscript>` style (each with its own header). A file with
 * nothing to wait for (a note, an image, a collapsed file, rows that load
 * later: most files of a huge diff) is rendered in place, without a
 * placeholder and a swap (on a 340-file page the placeholders doubled the
 * first render, which held the event loop ~200 ms).
 */
export function FileSection(props: Props) {
  const body = immediateBody(props);
  if (body !== undefined) return <Section {...props}>{body}</Section>;
  return (
    <Suspense
      fallback={
        <section className="file file-pending" aria-busy="true">
          <FileHeader {...props} />
          <div className="file-skeleton">Highlighting…</div>
        </section>
      }
    >
      <RenderedSection {...props} />
    </Suspense>
  );
}

async function RenderedSection(props: Props) {
  return <Section {...props}>{await inlineTable(props)}</Section>;
}

function Section({ children, ...props }: Props & { children: ReactNode }) {
  return (
    <section className="file" id={props.anchor} data-testid="file" data-context={props.contextSrc}>
      <FileHeader {...props} />
      <div className="file-body">{children}</div>
    </section>
  );
}

function FileHeader({ file, anchor, diffKey, browseOld, browseNew }: Props) {
  return (
    <header className="file-header">
      <StatusBadge status={file.status} />
      <a className="path" href={`#${anchor}`}>
        {file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
      </a>
      {file.oldMode !== undefined && file.newMode !== undefined && file.oldMode !== file.newMode && (
        <span className="muted mono">
          mode {file.oldMode.toString(8)} → {file.newMode.toString(8)}
        </span>
      )}
      <Counts file={file} />
      <a className="view-file" href={file.status === "removed" ? browseOld : browseNew} title="View the file at this version">
        View file
      </a>
      <FileControls diffId={diffKey} path={file.path} />
    </header>
  );
}

const COLLAPSED_LABEL: Record<NonNullable<FileDiff["collapsed"]>, string> = {
  "source-map": "Source map",
  minified: "Minified file",
  lockfile: "Lock file",
};

/** The body when it needs no table rendered in the pool (what RenderedSection waits for); undefined when it does. */
function immediateBody({ anchor, file, patchHref, inlineRows, sliceSrc, rawOld, rawNew }: Props): ReactNode | undefined {
  if (file.binary && IMAGE.test(file.path)) {
    const oldPath = file.oldPath ?? file.path;
    return (
      <div className="image-diff">
        {file.status !== "added" && (
          <figure>
            {/* eslint-disable-next-line @next/next/no-img-element -- the published bytes, not an optimised copy */}
            <img src={`${rawOld}${encodeURI(oldPath)}`} alt={`${oldPath} before`} loading="lazy" />
            <figcaption className="del">Before · {formatBytes(file.oldSize)}</figcaption>
          </figure>
        )}
        {file.status !== "removed" && (
          <figure>
            {/* eslint-disable-next-line @next/next/no-img-element -- the published bytes, not an optimised copy */}
            <img src={`${rawNew}${encodeURI(file.path)}`} alt={`${file.path} after`} loading="lazy" />
            <figcaption className="add">After · {formatBytes(file.newSize)}</figcaption>
          </figure>
        )}
      </div>
    );
  }
  const note = fileNote(file);
  if (note) {
    return (
      <div className="file-note">
        {note} {file.skipped && file.skipped !== "binary" && <a href={patchHref}>See it in the patch.</a>}
      </div>
    );
  }
  const total = rowCount(file);
  if (file.collapsed) {
    return (
      <>
        <div className="file-note">
          {COLLAPSED_LABEL[file.collapsed]}, {describeSizes(file)}: collapsed.
        </div>
        <LazyRows src={sliceSrc} anchor={anchor} start={0} totalRows={total} trigger="click" label="Load diff" />
      </>
    );
  }
  if (inlineRows === 0) {
    return <LazyRows src={sliceSrc} anchor={anchor} start={0} totalRows={total} trigger="scroll" label={`Load diff (${groupDigits(total)} lines)`} />;
  }
  return undefined;
}

/** The first `inlineRows` rows of the file's table, rendered in the pool, and a button for the rest. */
async function inlineTable({ diffKey, anchor, file, oldTree, newTree, patchHref, inlineRows, sliceSrc, view }: Props) {
  const total = rowCount(file);
  let slice: Awaited<ReturnType<typeof renderFileTable>>;
  try {
    slice = await renderFileTable(diffKey, file, oldTree, newTree, { start: 0, count: inlineRows, view });
  } catch (error) {
    // The page's 200 and immutable headers are out already: keep at least this server from replaying it.
    markUncacheable();
    console.error(error);
    return (
      <div className="file-note">
        This file could not be rendered. <a href={patchHref}>See it in the patch.</a>
      </div>
    );
  }
  return (
    <>
      <div className="diff-body" dangerouslySetInnerHTML={{ __html: slice.html }} />
      {slice.end < slice.totalRows && (
        <LazyRows
          src={sliceSrc}
          anchor={anchor}
          start={slice.end}
          totalRows={total}
          trigger="click"
          label={`Show the remaining ${slice.totalRows - slice.end} lines`}
        />
      )}
    </>
  );
}

function fileNote(file: FileDiff): string | undefined {
  if (file.note) return file.note;
  if (file.binary) return `Binary file ${describeSizes(file)}.`;
  switch (file.skipped) {
    case "too_large":
      return `This file is too large to diff here (${describeSizes(file)}).`;
    case "budget":
      return "This file took too long to diff here.";
    default:
      break;
  }
  if (file.hunks && file.hunks.length === 0) {
    if (file.oldMode !== undefined && file.newMode !== undefined && file.oldMode !== file.newMode) {
      return `File mode changed from ${file.oldMode.toString(8)} to ${file.newMode.toString(8)}.`;
    }
    return file.status === "added" || file.status === "removed" ? "Empty file." : "No line changes.";
  }
  return undefined;
}

function describeSizes(file: FileDiff): string {
  if (file.status === "added") return `added, ${formatBytes(file.newSize)}`;
  if (file.status === "removed") return `removed, ${formatBytes(file.oldSize)}`;
  return `${formatBytes(file.oldSize)} → ${formatBytes(file.newSize)}`;
}
