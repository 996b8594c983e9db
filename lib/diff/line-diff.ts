import { Budget } from "./budget";
import { changeCompact } from "./compact";
import type { DiffEnv } from "./diff-env";
import { histogramDiff } from "./histogram";
import type { SplitText } from "./split-lines";

/** One change region of an edit script: old lines [oldStart, oldEnd) became new lines [newStart, newEnd) (0-based). */
export interface LineChange {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export interface LineDiffOptions {
  /** Compare lines ignoring all whitespace, like `git diff -w`. */
  ignoreWhitespace?: boolean;
  /** Epoch ms; past it the search throws DiffBudgetExceeded. */
  deadline?: number;
  /** git's indent heuristic for placing ambiguous changes (default true, as in git). */
  indentHeuristic?: boolean;
}

/** git's whitespace (its isspace(): space, tab, CR; lines hold no LF). */
const WHITESPACE = /[ \t\r]+/g;

/**
 * Diffs two texts line by line with git's histogram algorithm and returns
 * the edit script, change regions in order. The result is the same as
 * `git diff --histogram` (git 2.39): the histogram search, its Myers
 * fallback, and the compaction that slides changes into place are ports of
 * git's xdiff.
 *
 * Each distinct line is interned once to an integer, so the search compares
 * integers, never strings. A line that lacks its final newline is a
 * different line from the same text with one, as in git; with
 * `ignoreWhitespace` it is not, as in `git diff -w`.
 *
 * @example
 * diffLines(splitLines("a\nb\nc\n"), splitLines("a\nc\nd\n"))
 * // [{ oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 1 },
 * //  { oldStart: 3, oldEnd: 3, newStart: 2, newEnd: 3 }]
 */
export function diffLines(oldText: SplitText, newText: SplitText, options: LineDiffOptions = {}): LineChange[] {
  const budget = new Budget(options.deadline);
  budget.check();

  const interner = new Map<string, number>();
  const normalise = options.ignoreWhitespace === true;
  const a = intern(oldText, interner, normalise);
  const b = intern(newText, interner, normalise);

  const env: DiffEnv = {
    a,
    b,
    changedA: new Uint8Array(a.length + 2),
    changedB: new Uint8Array(b.length + 2),
    idCount: interner.size,
    budget,
  };
  histogramDiff(env);

  const indentHeuristic = options.indentHeuristic ?? true;
  const oldSide = { ids: a, changed: env.changedA, lines: oldText.lines };
  const newSide = { ids: b, changed: env.changedB, lines: newText.lines };
  changeCompact(oldSide, newSide, indentHeuristic);
  changeCompact(newSide, oldSide, indentHeuristic);

  return buildScript(env.changedA, a.length, env.changedB, b.length);
}

function intern(text: SplitText, interner: Map<string, number>, normalise: boolean): Int32Array {
  const { lines } = text;
  const n = lines.length;
  const ids = new Int32Array(n);
  // Without -w a last line lacking its newline differs from the same text
  // with one; "\n" never occurs inside a line, so the key cannot collide.
  const special = text.missingFinalNewline && !normalise ? n - 1 : -1;
  for (let i = 0; i < n; i++) {
    let key = lines[i]!;
    if (normalise) key = key.replace(WHITESPACE, "");
    else if (i === special) key = `${key}\n`;
    let id = interner.get(key);
    if (id === undefined) {
      id = interner.size;
      interner.set(key, id);
    }
    ids[i] = id;
  }
  return ids;
}

/** xdl_build_script(): collects runs of changed lines into change regions. */
function buildScript(changedA: Uint8Array, n1: number, changedB: Uint8Array, n2: number): LineChange[] {
  const changes: LineChange[] = [];
  let i1 = 0;
  let i2 = 0;
  while (i1 < n1 || i2 < n2) {
    if (changedA[i1 + 1] || changedB[i2 + 1]) {
      const oldStart = i1;
      const newStart = i2;
      while (changedA[i1 + 1]) i1++;
      while (changedB[i2 + 1]) i2++;
      changes.push({ oldStart, oldEnd: i1, newStart, newEnd: i2 });
    } else {
      i1++;
      i2++;
    }
  }
  return changes;
}
