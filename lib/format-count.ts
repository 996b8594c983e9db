/**
 * An integer with thousands separators, the codebase's one count formatter.
 * Not `toLocaleString("en-US")`: its first call in a process loads ICU's
 * number data, measured at 13 ms here, which a fresh server's first diff
 * page (its title says "1,204 files") paid on the event loop.
 *
 * @example
 * groupDigits(1000) // → "1,000"
 * groupDigits(1234567) // → "1,234,567"
 */
export function groupDigits(count: number): string {
  return String(count).replace(/\B(?=(?:\d{3})+$)/g, ",");
}
