import { diffWordsWithSpace } from "diff";

/** A changed range of a line's text: [start, end) in UTF-16 units. */
export type TextRange = readonly [number, number];

/** Lines longer than this get no word-level marks: the word diff would cost more than it helps. */
const MAX_WORD_DIFF_LINE = 500;
/** When more than this share of a line changed, the pair is a rewrite: marking every word is noise. */
const MAX_CHANGED_SHARE = 0.6;

/**
 * The changed words of a removed/added line pair, as ranges on each side,
 * or undefined when the pair is too long or too different to mark.
 *
 * @example
 * wordChanges("return value * 1 + 1;", "return value * 2 + 2;")
 * // → { old: [[15, 16], [19, 20]], new: [[15, 16], [19, 20]] }
 */
export function wordChanges(oldText: string, newText: string): { old: TextRange[]; new: TextRange[] } | undefined {
  if (oldText.length > MAX_WORD_DIFF_LINE || newText.length > MAX_WORD_DIFF_LINE) return undefined;
  const oldRanges: TextRange[] = [];
  const newRanges: TextRange[] = [];
  let oldAt = 0;
  let newAt = 0;
  let changed = 0;
  for (const part of diffWordsWithSpace(oldText, newText)) {
    const length = part.value.length;
    if (part.removed) {
      oldRanges.push([oldAt, oldAt + length]);
      oldAt += length;
      changed += length;
    } else if (part.added) {
      newRanges.push([newAt, newAt + length]);
      newAt += length;
      changed += length;
    } else {
      oldAt += length;
      newAt += length;
    }
  }
  const total = oldText.length + newText.length;
  if (total === 0 || changed / total > MAX_CHANGED_SHARE) return undefined;
  return { old: oldRanges, new: newRanges };
}

const ENTITY = /^&(?:[a-z]+|#\d+);/;

/**
 * Wraps text ranges of highlighted HTML in `<tag>`, closing and reopening
 * around token spans so the markup stays well nested. Offsets count
 * characters of the text, an entity (`&lt;`) being one.
 */
export function markRanges(html: string, ranges: readonly TextRange[], tag: "ins" | "del"): string {
  if (ranges.length === 0) return html;
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  let out = "";
  let offset = 0;
  let r = 0;
  let inside = false;
  let i = 0;
  while (i < html.length) {
    const range = ranges[r];
    if (!inside && range && offset === range[0] && range[1] > range[0]) {
      out += open;
      inside = true;
    }
    if (inside && range && offset === range[1]) {
      out += close;
      inside = false;
      r++;
      continue;
    }
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      const tagText = html.slice(i, end + 1);
      out += inside ? `${close}${tagText}${open}` : tagText;
      i = end + 1;
      continue;
    }
    const entity = ch === "&" ? ENTITY.exec(html.slice(i, i + 10))?.[0] : undefined;
    const unit = entity ?? ch;
    out += unit;
    i += unit.length;
    offset++;
    while (ranges[r] && ranges[r]![1] <= ranges[r]![0]) r++;
  }
  if (inside) out += close;
  return out.replaceAll(`${open}${close}`, "");
}

/** A removed or added row whose HTML gets word marks. */
interface MarkableRow {
  text: string;
  html: string;
}

/**
 * Marks the changed words of each removed/added pair (`<del>` on the old
 * line, `<ins>` on the new one), in place of their HTML.
 */
export function markWordPair(del: MarkableRow, add: MarkableRow): { delHtml: string; addHtml: string } {
  const changes = wordChanges(del.text, add.text);
  if (!changes) return { delHtml: del.html, addHtml: add.html };
  return { delHtml: markRanges(del.html, changes.old, "del"), addHtml: markRanges(add.html, changes.new, "ins") };
}
