/**
 * Line anchors of the diff viewer: `#file-<path>-L<n>` (old side) and
 * `#file-<path>-R<n>` (new side), as GitHub names them, and ranges
 * `#file-<path>-R12-R20`. Rows carry their numbers as `data-l` / `data-r`
 * rather than ids (see lib/render/diff-table-html.ts), so hashes are resolved here.
 */
const LINE_HASH = /^(file-.+?)-([LR])(\d+)(?:-([LR])(\d+))?$/;

export interface LinePoint {
  side: "L" | "R";
  line: number;
}

export interface LineTarget {
  fileId: string;
  start: LinePoint;
  end: LinePoint;
}

export function parseLineHash(hash: string): LineTarget | undefined {
  let id: string;
  try {
    id = decodeURIComponent(hash.replace(/^#/, ""));
  } catch {
    return undefined;
  }
  const match = LINE_HASH.exec(id);
  if (!match) return undefined;
  const start: LinePoint = { side: match[2] === "L" ? "L" : "R", line: Number(match[3]) };
  const end: LinePoint = match[4] ? { side: match[4] === "L" ? "L" : "R", line: Number(match[5]) } : start;
  return { fileId: match[1]!, start, end };
}

function cellFor(section: HTMLElement, point: LinePoint): HTMLElement | null {
  const attr = point.side === "L" ? "data-l" : "data-r";
  return section.querySelector<HTMLElement>(`td[${attr}="${point.line}"]`);
}

/** The rows a target covers (in page order), when they are in the page. */
export function findLineRows(target: LineTarget): HTMLTableRowElement[] {
  const section = document.getElementById(target.fileId);
  if (!section) return [];
  const first = cellFor(section, target.start)?.closest("tr");
  const last = cellFor(section, target.end)?.closest("tr");
  if (!first || !last) return [];
  const rows = [...section.querySelectorAll<HTMLTableRowElement>("tr")];
  const a = rows.indexOf(first);
  const b = rows.indexOf(last);
  return rows.slice(Math.min(a, b), Math.max(a, b) + 1).filter((r) => !r.classList.contains("h") && !r.classList.contains("g"));
}

/** Marks the rows of the current hash's line (or range) and scrolls to it; false when its rows are not loaded (yet). */
export function revealLineHash(): boolean {
  const target = parseLineHash(window.location.hash);
  if (!target) return false;
  const rows = findLineRows(target);
  if (rows.length === 0) return false;
  for (const marked of document.querySelectorAll("tr.marked")) marked.classList.remove("marked");
  for (const row of rows) row.classList.add("marked");
  rows[0]!.scrollIntoView({ block: "center" });
  return true;
}

/** The point of a clicked line-number cell, with its file section's id. */
export function pointForCell(cell: Element): { fileId: string; point: LinePoint } | undefined {
  const section = cell.closest("section.file");
  if (!section?.id) return undefined;
  const r = cell.getAttribute("data-r");
  const l = cell.getAttribute("data-l");
  if (r !== null) return { fileId: section.id, point: { side: "R", line: Number(r) } };
  if (l !== null) return { fileId: section.id, point: { side: "L", line: Number(l) } };
  return undefined;
}

/** The hash for a click: a line, or with shift a range from the line already selected in the same file. */
export function hashForClick(fileId: string, point: LinePoint, shift: boolean, current: string): string {
  const one = `${fileId}-${point.side}${point.line}`;
  if (!shift) return one;
  const selected = parseLineHash(current);
  if (!selected || selected.fileId !== fileId) return one;
  return `${fileId}-${selected.start.side}${selected.start.line}-${point.side}${point.line}`;
}
