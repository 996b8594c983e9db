import type { DiffRow } from "@/lib/render/diff-rows";
import { diffTableHtml } from "@/lib/render/diff-table-html";

/** A unified diff table. Line numbers are links to their own anchors. */
export function DiffTable({ path, rows }: { path: string; rows: DiffRow[] }) {
  return <div className="diff-body" dangerouslySetInnerHTML={{ __html: diffTableHtml(path, rows) }} />;
}
