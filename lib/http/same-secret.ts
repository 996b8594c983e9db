import { timingSafeEqual } from "node:crypto";

/**
 * Whether a secret presented by a client is the expected one, in constant
 * time for strings of the same length (a peer's tarball secret, the
 * warm-up's token).
 *
 * @example
 * sameSecret(request.headers.get("x-secret") ?? "", secret) // → true only for the very same string
 */
export function sameSecret(presented: string, expected: string): boolean {
  const [x, y] = [Buffer.from(presented), Buffer.from(expected)];
  return x.length === y.length && timingSafeEqual(x, y);
}
