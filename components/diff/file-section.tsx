import { Suspense } from "react";
import type { FileDiff } from "@/lib/diff/types";
import { fileAnchor } from "@/lib/render/anchors";
import { renderFileTable } from "@/lib/render/file-table";
import type { PackageTree } from "@/lib/tarball/types";
import { Counts, StatusBadge } from "./status";

/** Rows rendered inline per file; past this the patch has the rest. */
const MAX_INLINE_ROWS = 2_000;

interface Props {
  diffKey: string;
  file: FileDiff;
  oldTree: PackageTree;
  newTree: PackageTree;
  patchHref: string;
}

export function FileSection({ diffKey, file, oldTree, newTree, patchHref }: Props) {
  return (
    <section className="file" id={fileAnchor(file.path)} data-testid="file">
      <header className="file-header">
        <StatusBadge status={file.status} />
        <a className="path" href={`#${fileAnchor(file.path)}`}>
          {file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
        </a>
        {file.oldMode !== undefined && file.newMode !== undefined && file.oldMode !== file.newMode && (
          <span className="muted mono">
            mode {file.oldMode.toString(8)} → {file.newMode.toString(8)}
          </span>
        )}
        <Counts file={file} />
      </header>
      <Suspense fallback={<div className="file-skeleton">Highlighting…</div>}>
        <FileBody diffKey={diffKey} file={file} oldTree={oldTree} newTree={newTree} patchHref={patchHref} />
      </Suspense>
    </section>
  );
}

async function FileBody({ diffKey, file, oldTree, newTree, patchHref }: Props) {
  const note = fileNote(file);
  if (note) {
    return (
      <div className="file-note">
        {note} {file.skipped && file.skipped !== "binary" && <a href={patchHref}>See it in the patch.</a>}
      </div>
    );
  }
  const { html, truncated } = await renderFileTable(diffKey, file, oldTree, newTree, MAX_INLINE_ROWS);
  return (
    <>
      <div className="diff-body" dangerouslySetInnerHTML={{ __html: html }} />
      {truncated && (
        <div className="file-note">
          This diff is long; the first {MAX_INLINE_ROWS} lines are shown. <a href={patchHref}>See the whole patch.</a>
        </div>
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
    case "collapsed":
      return "Generated or minified file; its diff is not shown inline.";
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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
