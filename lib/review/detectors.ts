import type { CodePattern } from "./code-patterns";
import { highEntropyStrings } from "./entropy";
import type { FindingKind, Severity } from "./types";
import { groupDigits } from "../format-count";

/*
 * What the risky-code rule (risky-code.ts) counts, and the regexes that
 * find it: every pattern of a table as one alternation, so a line (or a
 * file's lines joined) is read once however many patterns there are.
 */

/** A line longer than this, in a file that was not minified before, is worth a look (chalk/debug's payload was one). */
const LONG_LINE = 1_000;

/** One thing counted on changed lines. */
export interface Detector {
  kind: FindingKind;
  severity: Severity;
  label: string;
  /** Regex detectors are counted through the combined regex; the others count here, on a line's text (or part) and its whole length. */
  count?: (text: string, length: number) => number;
  pattern?: CodePattern;
}

/** One ecosystem's patterns, compiled once per process (a summary runs on every new diff). */
export interface Compiled {
  long: Detector[];
  all: Detector[];
  /** Every pattern, a capturing group each (see combine). */
  combined: RegExp;
  /** The same, looser and without groups: "anything here?", over a side's lines joined (global: set lastIndex). */
  quick: RegExp;
  alternatives: Alternative[];
}

const compiledTables = new WeakMap<readonly CodePattern[], Compiled>();

/**
 * The detectors of one ecosystem's patterns (its table's `patterns`) and
 * the two long-line ones, with the regexes that find them, built on first
 * use and kept for the process.
 *
 * @example
 * const { quick, combined } = compiledPatterns(npmEcosystem.review.patterns);
 * quick.test("eval(x)") // → true
 */
export function compiledPatterns(patterns: readonly CodePattern[]): Compiled {
  let compiled = compiledTables.get(patterns);
  if (!compiled) {
    const regex = patterns.map((pattern): Detector => ({ kind: pattern.kind, severity: pattern.severity, label: pattern.label, pattern }));
    const long: Detector[] = [
      {
        kind: "long-line",
        severity: "notice",
        label: `Lines over ${groupDigits(LONG_LINE)} characters in a file that was not minified`,
        count: (_text, length) => (length > LONG_LINE ? 1 : 0),
      },
      { kind: "high-entropy", severity: "notice", label: "High-entropy strings (packed or encoded data)", count: (text) => highEntropyStrings(text) },
    ];
    compiled = { long, all: [...regex, ...long], ...combine(regex) };
    compiledTables.set(patterns, compiled);
  }
  return compiled;
}

/** What group `i` of the combined regex stands for. */
interface Alternative {
  detector: Detector;
  along: boolean;
}

/**
 * Every pattern as one alternation, a capturing group each, so a line is
 * scanned once however many patterns there are (most lines match none).
 */
function combine(detectors: Detector[]): { combined: RegExp; quick: RegExp; alternatives: Alternative[] } {
  const alternatives: Alternative[] = [];
  const sources: string[] = [];
  for (const detector of detectors) {
    const { regex, alongWith } = detector.pattern!;
    for (const [source, along] of [[regex.source, false], ...(alongWith ? [[alongWith.source, true] as const] : [])] as const) {
      // A pattern's own capturing group would shift the numbering below.
      if (new RegExp(`${source}|`).exec("")!.length > 1) throw new Error(`Code pattern ${detector.label} has a capturing group`);
      // Lines are searched joined (line-probe.ts), where ^ and $ would not mean a line's start and end.
      if (/[\^$]/.test(source.replace(/\\.|\[(?:\\.|[^\]])*\]/g, ""))) throw new Error(`Code pattern ${detector.label} has an anchor`);
      sources.push(`(${source})`);
      alternatives.push({ detector, along });
    }
  }
  // The same alternation without groups or look-behinds (a looser test, the exact one follows)
  // answers "anything here?" about twice as fast; most lines, and most files, answer no.
  const quick = new RegExp(sources.map((source) => source.slice(1, -1).replace(/\(\?<[!=]\[[^\]]*\]\)/g, "")).join("|"), "g");
  return { combined: new RegExp(sources.join("|"), "g"), quick, alternatives };
}
