/**
 * Line anchors of the diff viewer: `#file-<path>-L<n>` (old side) and
 * `#file-<path>-R<n>` (new side), as GitHub names them. Rows carry their
 * numbers as `data-l` / `data-r` rather than ids (see
 * lib/render/diff-table-html.ts), so the hash is resolved here.
 */
const LINE_HASH = /^(file-.+)-([LR])(\d+)$/;

export interface LineTarget {
  fileId: string;
  side: "L" | "R";
  line: number;
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
  return { fileId: match[1]!, side: match[2] === "L" ? "L" : "R", line: Number(match[3]) };
}

/** The cell of a line target, when its rows are in the page. */
export function findLineCell(target: LineTarget): HTMLElement | null {
  const section = document.getElementById(target.fileId);
  if (!section) return null;
  const attr = target.side === "L" ? "data-l" : "data-r";
  return section.querySelector<HTMLElement>(`td[${attr}="${target.line}"]`);
}

/** Marks the row of the current hash's line and scrolls to it; false when its rows are not loaded (yet). */
export function revealLineHash(): boolean {
  const target = parseLineHash(window.location.hash);
  if (!target) return false;
  const cell = findLineCell(target);
  if (!cell) return false;
  for (const marked of document.querySelectorAll("tr.marked")) marked.classList.remove("marked");
  cell.closest("tr")?.classList.add("marked");
  cell.scrollIntoView({ block: "center" });
  return true;
}

/** The hash for a clicked line-number cell, or undefined when the click was elsewhere. */
export function hashForCell(cell: Element): string | undefined {
  const section = cell.closest("section.file");
  if (!section?.id) return undefined;
  const l = cell.getAttribute("data-l");
  const r = cell.getAttribute("data-r");
  if (r !== null) return `${section.id}-R${r}`;
  if (l !== null) return `${section.id}-L${l}`;
  return undefined;
}
