import type { FileDiff, FileStatus } from "@/lib/diff/types";

export function StatusBadge({ status }: { status: FileStatus }) {
  return <span className={`badge ${status}`}>{status}</span>;
}

export function Counts({ file }: { file: Pick<FileDiff, "additions" | "deletions"> }) {
  return (
    <span className="counts">
      <span className="add">+{file.additions}</span> <span className="del">−{file.deletions}</span>
    </span>
  );
}
