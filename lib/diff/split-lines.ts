/** A text split into lines the way git's xdiff sees it. */
export interface SplitText {
  /** Lines without their "\n"; a "\r" before the "\n" stays in the line (CRLF files). */
  lines: string[];
  /** True when the text is non-empty and its last line has no "\n" after it. */
  missingFinalNewline: boolean;
}

/**
 * Splits decoded text into lines as git does: only "\n" ends a line, "\r"
 * is content, and a final line without "\n" is still a line (flagged so the
 * diff can print "\ No newline at end of file").
 *
 * @example
 * splitLines("a\r\nb") // { lines: ["a\r", "b"], missingFinalNewline: true }
 * splitLines("a\n")    // { lines: ["a"], missingFinalNewline: false }
 * splitLines("")       // { lines: [], missingFinalNewline: false }
 */
export function splitLines(text: string): SplitText {
  if (text.length === 0) return { lines: [], missingFinalNewline: false };
  // String#split is implemented natively and returns slices of `text`, far
  // cheaper than a per-character loop on multi-megabyte files.
  const lines = text.split("\n");
  const endsWithNewline = text.charCodeAt(text.length - 1) === 10;
  if (endsWithNewline) lines.pop();
  return { lines, missingFinalNewline: !endsWithNewline };
}
