import { type LineSide, textOf } from "./lines";

/**
 * A side's lines are joined with a newline and a NUL to be searched at
 * once: no pattern's `\s*` or look-ahead reaches across a NUL into the next
 * line, so a search of the joined text finds in each line what a search of
 * the line alone would.
 */
const LINE_JOIN = "\n\u0000";
/** Lines longer than this are searched where they are rather than copied into the join. */
const JOIN_AT_MOST = 64 * 1024;

/**
 * A side's lines as one text to search: one regex call or `indexOf` over
 * tens of thousands of lines instead of one per line, and only the lines
 * where something is found are looked at one by one. Lines are joined as
 * stored (their sign first: a sign reads as the start of a line to `\b`);
 * a line with a part (narrowReplaced) or too long to copy is searched on
 * its own.
 */
export interface LineProbe {
  side: LineSide;
  /** What is joined, line for line: the side's lines, with those searched on their own emptied. */
  texts: readonly string[];
  text: string;
  /** Lines searched on their own, in order. */
  apart: number[];
}

/**
 * @example
 * const probe = probeOf({ sign: "+", lines: ["+a", "+eval(x)"], skip: 1, numbers: [1, 2], longest: 8 });
 * [...linesMatching(probe, /eval/g)] // → [1]
 */
export function probeOf(side: LineSide): LineProbe {
  const { lines, parts } = side;
  // The common case, no part and no huge line: one native join, no loop here.
  if (!parts && side.longest <= JOIN_AT_MOST) return { side, texts: lines, text: lines.join(LINE_JOIN), apart: [] };
  const apart = new Set(parts?.keys());
  if (side.longest > JOIN_AT_MOST) for (let i = 0; i < lines.length; i++) if (lines[i]!.length > JOIN_AT_MOST) apart.add(i);
  // Emptied rather than left out, so the joined text still holds line i as its i-th line.
  const texts = lines.slice();
  for (const i of apart) texts[i] = "";
  return { side, texts, text: texts.join(LINE_JOIN), apart: [...apart].sort((x, y) => x - y) };
}

/**
 * The side's lines (indexes) in which `find` finds something, each once,
 * in order for the joined ones: `find(text, from)` returns where its next
 * find at or after `from` starts, or -1. Lines searched on their own come
 * last.
 */
function* linesWhere(probe: LineProbe, find: (text: string, from: number) => number): Generator<number> {
  const { text, texts, side } = probe;
  // A cursor over the joined lines: finds come in order, so each line's length is added once.
  let line = 0;
  let start = 0;
  for (let at = find(text, 0); at !== -1 && line < texts.length; ) {
    let end = start + texts[line]!.length;
    while (end < at && line + 1 < texts.length) {
      start = end + LINE_JOIN.length;
      line++;
      end = start + texts[line]!.length;
    }
    yield line;
    start = end + LINE_JOIN.length;
    line++;
    if (line >= texts.length) break;
    at = find(text, start);
  }
  for (const i of probe.apart) {
    if (find(textOf(side, i), 0) !== -1) yield i;
  }
}

/**
 * linesWhere for a regex: the lines it matches in. `regex` must be global
 * (it is run from each line's start); a match never spans lines (LINE_JOIN).
 *
 * @example
 * [...linesMatching(probeOf(side), /eval/g)] // → the indexes of the lines with "eval"
 */
export function linesMatching(probe: LineProbe, regex: RegExp): Generator<number> {
  return linesWhere(probe, (text, from) => {
    regex.lastIndex = from;
    return regex.exec(text)?.index ?? -1;
  });
}

/**
 * linesWhere for a fixed string.
 *
 * @example
 * [...linesContaining(probeOf(side), "://")] // → the indexes of the lines that name a URL
 */
export function linesContaining(probe: LineProbe, needle: string): Generator<number> {
  return linesWhere(probe, (text, from) => text.indexOf(needle, from));
}
