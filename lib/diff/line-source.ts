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

/**
 * The lines of a buffer without interning them, for a side that needs no
 * search (a file added or removed as a whole).
 */
export function indexLines(bytes: Buffer): LineBuffer {
  const len = bytes.length;
  let starts = new Int32Array(Math.max(16, Math.ceil(len / 32)) + 1);
  let count = 0;
  let pos = 0;
  while (pos < len) {
    if (count + 1 >= starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = pos;
    const eol = bytes.indexOf(10, pos);
    pos = eol < 0 ? len + 1 : eol + 1;
  }
  starts[count] = pos;
  return {
    bytes,
    starts: starts.subarray(0, count + 1),
    count,
    missingFinalNewline: len > 0 && bytes[len - 1] !== 10,
  };
}
