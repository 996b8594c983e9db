import { type DiffRow, pairChanges } from "./diff-rows";
import { markWordPair } from "./word-diff";

/** Rows with word-level marks on every removed/added pair (both views use them). */
export function markWordChanges(rows: readonly DiffRow[]): DiffRow[] {
  const replaced = new Map<DiffRow, DiffRow>();
  for (const item of pairChanges(rows)) {
    if ("type" in item || !item.del || !item.add) continue;
    const { delHtml, addHtml } = markWordPair(item.del, item.add);
    replaced.set(item.del, { ...item.del, html: delHtml });
    replaced.set(item.add, { ...item.add, html: addHtml });
  }
  return replaced.size === 0 ? [...rows] : rows.map((row) => replaced.get(row) ?? row);
}
