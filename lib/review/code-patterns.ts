import type { FindingKind, Severity } from "./types";

/**
 * A risky construct looked for on added lines of code files. Each regex is
 * global (occurrences are counted) and case-sensitive: these are API
 * names, and upper-case look-alikes are other identifiers. No capturing
 * groups and no `^`/`$` anchors: a file's lines are first tested all at
 * once, joined, and one alternation of every pattern numbers its groups.
 */
export interface CodePattern {
  kind: FindingKind;
  severity: Severity;
  /** What was found, in a reviewer's words: "eval( or new Function(". */
  label: string;
  regex: RegExp;
  /** Only files this accepts are looked at (default: every code file). */
  appliesTo?: (path: string) => boolean;
  /** A line this matches does not count (e.g. `File.write` into `_build`). */
  unless?: RegExp;
  /** The hits count only when the file's added lines also match this (home dir + a write). */
  alongWith?: RegExp;
}
