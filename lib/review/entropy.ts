/**
 * Shannon entropy in bits per character. Random base64 is near 6, hex
 * near 4, English prose near 4.1; packed payloads sit high.
 *
 * @example
 * shannonEntropy("aaaa") // → 0
 * shannonEntropy("abcd") // → 2
 */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Strings shorter than this are too short for entropy to mean much. */
export const MIN_ENTROPY_LENGTH = 100;
/** Above this, a string reads as packed or encrypted data rather than text or code. */
export const ENTROPY_THRESHOLD = 4.5;

// Quoted runs without whitespace: payloads are one token; prose and code have spaces.
const QUOTED_RUN = new RegExp(`(["'\`])([^"'\`\\s]{${MIN_ENTROPY_LENGTH},})\\1`, "g");

/**
 * How many high-entropy string literals a line holds: quoted runs of at
 * least 100 non-space characters above 4.5 bits per character. Image
 * data URIs are data, not code, and do not count.
 *
 * @example
 * highEntropyStrings(`const k = "${randomBase64(200)}";`) // → 1
 * highEntropyStrings(`const s = "${"ab".repeat(100)}";`) // → 0
 */
export function highEntropyStrings(line: string): number {
  if (line.length < MIN_ENTROPY_LENGTH + 2) return 0;
  let found = 0;
  for (const match of line.matchAll(QUOTED_RUN)) {
    const body = match[2]!;
    if (body.startsWith("data:image/")) continue;
    if (shannonEntropy(body) > ENTROPY_THRESHOLD) found++;
  }
  return found;
}
