import type { FileDiff, FileStatus } from "@/lib/diff/types";
import { groupDigits } from "@/lib/format-count";

export function StatusBadge({ status }: { status: FileStatus }) {
  return <span className={`badge ${status}`}>{status}</span>;
}

/** A file's `+added −removed`, in a span of `className` (the file list's and header's `counts`, the tree's `tree-counts`). */
export function Counts({ file, className = "counts" }: { file: Pick<FileDiff, "additions" | "deletions">; className?: string }) {
  return (
    <span className={className}>
      <span className="add">+{groupDigits(file.additions)}</span> <span className="del">−{groupDigits(file.deletions)}</span>
    </span>
  );
}
