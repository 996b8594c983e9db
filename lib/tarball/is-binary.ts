import { isUtf8 } from "node:buffer";

/** How much of a file is looked at; the same prefix git inspects (`buffer_is_binary`). */
export const BINARY_SNIFF_BYTES = 8000;

/**
 * Decides from the content whether a file is binary, so that the diff and the
 * browser can show it as text or not. Looks only at the first
 * {@link BINARY_SNIFF_BYTES} bytes: a NUL byte there is binary (git's rule),
 * and so is anything that is not valid UTF-8, because the text views decode
 * files as UTF-8 and would otherwise show replacement characters.
 *
 * Runs on every file of every package, so it allocates nothing: `isUtf8` is
 * Node's native validator.
 *
 * @example
 * isBinary(new TextEncoder().encode("héllo 👋")); // false
 * isBinary(Uint8Array.of(0x89, 0x50, 0x4e, 0x47)); // true (PNG signature)
 * isBinary(new Uint8Array(0)); // false: an empty file is text
 */
export function isBinary(bytes: Uint8Array): boolean {
  const prefix = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (prefix.indexOf(0) !== -1) return true;
  return !isUtf8(bytes.subarray(0, utf8PrefixEnd(bytes)));
}

/**
 * Where to stop validating UTF-8: {@link BINARY_SNIFF_BYTES}, moved forward
 * when a multi-byte sequence straddles that point, so that a character cut by
 * the sniff window is judged whole instead of being taken for invalid UTF-8.
 * If the file itself ends inside that sequence, the result reaches past the
 * end and the truncated sequence is (rightly) reported invalid.
 */
function utf8PrefixEnd(bytes: Uint8Array): number {
  const end = BINARY_SNIFF_BYTES;
  if (bytes.length <= end) return bytes.length;
  // A UTF-8 sequence is at most 4 bytes, so its lead byte is at most 3 back.
  for (let i = end - 1; i >= end - 3; i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0b1100_0000) === 0b1000_0000) continue; // continuation byte
    const length = sequenceLength(byte);
    return i + length > end ? i + length : end;
  }
  return end;
}

/** Length of the UTF-8 sequence a lead byte announces; 1 for ASCII and invalid leads (the validator judges those). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  if (lead >= 0xc2) return 2;
  return 1;
}
