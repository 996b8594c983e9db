const UNITS = ["KiB", "MiB", "GiB", "TiB"] as const;

/**
 * A size for people: bytes below 1 KiB, else the largest binary unit that
 * keeps the number at least 1, with one decimal at most (a whole number
 * shows none). `exact` is for limits in error messages, which must not
 * round: the largest unit that states the number exactly. The one byte
 * formatter of the codebase.
 *
 * @example
 * formatBytes(512) // → "512 bytes"
 * formatBytes(1536) // → "1.5 KiB"
 * formatBytes(9_437_184) // → "9 MiB"
 * formatBytes(1_048_575, { exact: true }) // → "1048575 bytes"
 * formatBytes(1536 * 1024, { exact: true }) // → "1536 KiB"
 */
export function formatBytes(bytes: number, { exact = false }: { exact?: boolean } = {}): string {
  if (exact) return formatExact(bytes);
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Rounding can reach the next unit's threshold (1023.96 KiB → "1024 KiB"): say "1 MiB" instead.
  let rounded = Math.round(value * 10) / 10;
  if (rounded >= 1024 && unit < UNITS.length - 1) {
    rounded = 1;
    unit += 1;
  }
  return `${rounded} ${UNITS[unit]}`;
}

function formatExact(bytes: number): string {
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && value % 1024 === 0 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === -1 ? `${value} ${value === 1 ? "byte" : "bytes"}` : `${value} ${UNITS[unit]}`;
}
