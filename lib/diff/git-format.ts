import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

/*
 * The small pieces of git's patch format: blob ids, path quoting and
 * binary literals, each following git's own code so `git apply` reads our
 * patches as it reads git's.
 */

/** The id git gives a missing side in an `index` line. */
export const NULL_OID = "0".repeat(40);

/** git's blob id: SHA-1 of "blob <length>\0" followed by the bytes. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

/**
 * How each byte is written inside a quoted path (quote.c's cq_lookup with
 * core.quotePath on): undefined = as is, a letter = backslash + letter,
 * "" = backslash + three octal digits.
 */
function escapeFor(byte: number): string | undefined {
  switch (byte) {
    case 0x07:
      return "a";
    case 0x08:
      return "b";
    case 0x09:
      return "t";
    case 0x0a:
      return "n";
    case 0x0b:
      return "v";
    case 0x0c:
      return "f";
    case 0x0d:
      return "r";
    case 0x22:
      return '"';
    case 0x5c:
      return "\\";
    default:
      return byte < 0x20 || byte >= 0x7f ? "" : undefined;
  }
}

/**
 * Quotes a path for a patch header as git's quote_c_style() does: left as
 * is unless it has a control character, `"`, `\` or a non-ASCII byte; then
 * wrapped in double quotes with C escapes and UTF-8 bytes in octal.
 *
 * @example
 * quotePath("a/caf\u00e9") // "\"a/caf\\303\\251\""
 * quotePath("a/a b")       // "a/a b" (spaces are not quoted)
 */
export function quotePath(path: string): string {
  const bytes = Buffer.from(path, "utf8");
  if (!bytes.some((byte) => escapeFor(byte) !== undefined)) return path;
  const parts: string[] = ['"'];
  let plainFrom = 0;
  for (let i = 0; i < bytes.length; i++) {
    const escape = escapeFor(bytes[i]!);
    if (escape === undefined) continue;
    if (plainFrom < i) parts.push(bytes.toString("latin1", plainFrom, i));
    parts.push(escape === "" ? `\\${bytes[i]!.toString(8).padStart(3, "0")}` : `\\${escape}`);
    plainFrom = i + 1;
  }
  if (plainFrom < bytes.length) parts.push(bytes.toString("latin1", plainFrom));
  parts.push('"');
  return parts.join("");
}

/** git's base85 alphabet (base85.c). */
const EN85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

/** Bytes per line of a binary patch. */
const BINARY_LINE_BYTES = 52;

/**
 * One body of a "GIT binary patch": `literal <size>`, the zlib-deflated
 * bytes in lines of up to 52 bytes, base85-encoded, each led by its length
 * ('A'-'Z' = 1-26, 'a'-'z' = 27-52), and an empty line. Follows
 * emit_binary_diff_body() in git's diff.c; we always send literals, never
 * deltas, so applying needs no object store.
 */
export function binaryLiteral(bytes: Uint8Array, parts: string[]): void {
  // Level 1 (Z_BEST_SPEED) is what git uses here (its zlib_compression_level default).
  const data = deflateSync(bytes, { level: 1 });
  parts.push(`literal ${bytes.byteLength}\n`);
  const line: string[] = [];
  for (let offset = 0; offset < data.length; offset += BINARY_LINE_BYTES) {
    const len = Math.min(BINARY_LINE_BYTES, data.length - offset);
    line.length = 0;
    line.push(String.fromCharCode(len <= 26 ? 65 + len - 1 : 97 + len - 27));
    for (let i = offset; i < offset + len; i += 4) {
      // Big-endian group of 4 bytes (zero-padded at the end) -> 5 digits.
      let acc = 0;
      for (let k = 0; k < 4; k++) acc = acc * 256 + (i + k < offset + len ? data[i + k]! : 0);
      const digits = new Array<string>(5);
      for (let k = 4; k >= 0; k--) {
        digits[k] = EN85[acc % 85]!;
        acc = Math.floor(acc / 85);
      }
      line.push(digits.join(""));
    }
    line.push("\n");
    parts.push(line.join(""));
  }
  parts.push("\n");
}
