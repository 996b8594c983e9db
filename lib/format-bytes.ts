/**
 * A size for people: bytes, KB or MB (1024-based, one decimal).
 *
 * @example
 * formatBytes(512) // → "512 B"
 * formatBytes(1536) // → "1.5 KB"
 * formatBytes(9_437_184) // → "9.0 MB"
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
