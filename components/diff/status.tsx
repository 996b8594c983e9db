import type { FileDiff, FileStatus } from "@/lib/diff/types";
import { groupDigits } from "@/lib/format-count";

export function StatusBadge({ status }: { status: FileStatus }) {
  return <span className={`badge ${status}`}>{status}</span>;
}

export function Counts({ file }: { file: Pick<FileDiff, "additions" | "deletions"> }) {
  return (
    <span className="counts">
      <span className="add">+{groupDigits(file.additions)}</span> <span className="del">−{groupDigits(file.deletions)}</span>
    </span>
  );
}
