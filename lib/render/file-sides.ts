import type { FileDiff } from "../diff/types";
import { highlightLines } from "../highlight/highlighter";
import { languageForPath } from "../highlight/language";
import { type LineRange, tokenWindows } from "../highlight/windows";
import type { PackageTree } from "../tarball/types";
import type { SideLines } from "./diff-rows";

const decoder = new TextDecoder("utf-8");

/** Files up to this many lines are tokenized whole; longer ones in windows around what is shown. */
const WHOLE_FILE_LINES = 3_000;
/** Run-up lines tokenized before each window so the grammar's state is (nearly always) right. */
const WINDOW_LEAD = 60;

function linesOf(tree: PackageTree, path: string | undefined): string[] | undefined {
  if (!path) return undefined;
  const entry = tree.entries.get(path);
  return entry?.kind === "file" && !entry.binary ? decoder.decode(entry.bytes).split("\n") : undefined;
}

/** Highlighted lines of both sides of a changed file, only where `needed` says they are shown. */
export async function highlightSides(
  file: FileDiff,
  oldTree: PackageTree,
  newTree: PackageTree,
  needed: { old: LineRange[]; new: LineRange[] },
): Promise<SideLines> {
  const lang = languageForPath(file.path);
  const [oldLines, newLines] = await Promise.all([
    needed.old.length ? highlightSide(linesOf(oldTree, file.oldPath ?? file.path), needed.old, lang) : undefined,
    needed.new.length ? highlightSide(linesOf(newTree, file.path), needed.new, lang) : undefined,
  ]);
  return { old: oldLines, new: newLines };
}

async function highlightSide(lines: string[] | undefined, needed: LineRange[], lang: string) {
  if (!lines) return undefined;
  const html = new Array<string | undefined>(lines.length);
  const windows = tokenWindows(needed, lines.length, { wholeFileLines: WHOLE_FILE_LINES, lead: WINDOW_LEAD });
  for (const w of windows) {
    const highlighted = await highlightLines(lines.slice(w.start, w.end + 1), lang);
    highlighted.forEach((line, i) => {
      html[w.start + i] = line;
    });
  }
  return html;
}
