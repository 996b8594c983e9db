import { asBuffer } from "./buffers";
import { Budget } from "./budget";
import { classicDiff } from "./classic-diff";
import { changeCompact } from "./compact";
import type { DiffEnv } from "./diff-env";
import { histogramDiff } from "./histogram";
import { internBuffers } from "./intern-bytes";
import { type LineSource, bufferSource, splitTextSource } from "./line-source";
import type { SplitText } from "./split-lines";

/** One change region of an edit script: old lines [oldStart, oldEnd) became new lines [newStart, newEnd) (0-based). */
export interface LineChange {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** Options of diffLines() and diffBuffers(). */
export interface LineDiffOptions {
  /** Compare lines ignoring all whitespace, like `git diff -w`. */
  ignoreWhitespace?: boolean;
  /** Epoch ms; past it the search throws DiffBudgetExceeded. */
  deadline?: number;
  /** git's indent heuristic for placing ambiguous changes (default true, as in git). */
  indentHeuristic?: boolean;
  /**
   * "histogram" (default) or git's classic "myers". Myers is bounded by
   * xdiff's cost heuristics; histogram is nicer to read but quadratic on
   * some inputs (as in git), so callers that must finish use Myers as a
   * fallback.
   */
  algorithm?: "histogram" | "myers";
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
  new Budget(options.deadline).check();
  const interner = new Map<string, number>();
  const normalise = options.ignoreWhitespace === true;
  const a = intern(oldText, interner, normalise);
  const b = intern(newText, interner, normalise);
  return diffInterned(a, b, interner.size, splitTextSource(oldText), splitTextSource(newText), options);
}

/** The result of diffBuffers(): the edit script and both sides' lines. */
export interface BufferDiff {
  changes: LineChange[];
  old: LineSource;
  new: LineSource;
}

/**
 * diffLines() for two UTF-8 files given as bytes: lines are split and
 * interned straight from the bytes, and only the lines a caller reads
 * (through the returned LineSources) are ever decoded. This is the fast
 * path for whole files.
 */
export function diffBuffers(oldBytes: Uint8Array, newBytes: Uint8Array, options: LineDiffOptions = {}): BufferDiff {
  const budget = new Budget(options.deadline);
  budget.check();
  const interned = internBuffers(asBuffer(oldBytes), asBuffer(newBytes), options.ignoreWhitespace === true, budget);
  const oldSource = bufferSource(interned.old);
  const newSource = bufferSource(interned.new);
  const changes = diffInterned(interned.oldIds, interned.newIds, interned.idCount, oldSource, newSource, options);
  return { changes, old: oldSource, new: newSource };
}

function diffInterned(
  a: Int32Array,
  b: Int32Array,
  idCount: number,
  oldSource: LineSource,
  newSource: LineSource,
  options: LineDiffOptions,
): LineChange[] {
  const env: DiffEnv = {
    a,
    b,
    changedA: new Uint8Array(a.length + 2),
    changedB: new Uint8Array(b.length + 2),
    idCount,
    budget: new Budget(options.deadline),
  };
  if (options.algorithm === "myers") classicDiff(env, 0, a.length, 0, b.length);
  else histogramDiff(env);

  const indentHeuristic = options.indentHeuristic ?? true;
  const oldSide = { ids: a, changed: env.changedA, indent: oldSource.indent };
  const newSide = { ids: b, changed: env.changedB, indent: newSource.indent };
  changeCompact(oldSide, newSide, indentHeuristic, env.budget);
  changeCompact(newSide, oldSide, indentHeuristic, env.budget);

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
