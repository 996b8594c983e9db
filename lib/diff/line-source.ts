import { getIndent, getIndentBytes } from "./indent-heuristic";
import type { SplitText } from "./split-lines";

/**
 * Read access to the lines of one side of a diff, whether they live in an
 * array of strings or as offsets into the file's bytes. The diff itself
 * works on interned ids; it reads lines only to print hunks and to place
 * changes by indentation, which touches a small fraction of a big file.
 */
export interface LineSource {
  readonly count: number;
  /** The last line has no "\n" after it. */
  readonly missingFinalNewline: boolean;
  /** Line i without its "\n" ("\r" kept). */
  line(i: number): string;
  /** git's indentation of line i (-1 when blank); see getIndent(). */
  indent(i: number): number;
}

/** Lines of a buffer as byte offsets: line i is bytes [starts[i], starts[i + 1] - 1). */
export interface LineBuffer {
  readonly bytes: Buffer;
  /** count + 1 entries; the last is one past the end of the last line's "\n" (or of the text plus one when it has none). */
  readonly starts: Int32Array;
  readonly count: number;
  readonly missingFinalNewline: boolean;
}

/** A LineSource over an array of strings. */
export function splitTextSource(text: SplitText): LineSource {
  const { lines } = text;
  return {
    count: lines.length,
    missingFinalNewline: text.missingFinalNewline,
    line: (i) => lines[i]!,
    indent: (i) => getIndent(lines[i]!),
  };
}

/** A LineSource over a LineBuffer; lines are decoded from UTF-8 on demand. */
export function bufferSource(buffer: LineBuffer): LineSource {
  const { bytes, starts } = buffer;
  return {
    count: buffer.count,
    missingFinalNewline: buffer.missingFinalNewline,
    line: (i) => bytes.toString("utf8", starts[i]!, starts[i + 1]! - 1),
    indent: (i) => getIndentBytes(bytes, starts[i]!, starts[i + 1]! - 1),
  };
}
