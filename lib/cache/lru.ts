/**
 * A least-recently-used map bounded by the summed size of its values (bytes,
 * or any unit the caller's `sizeOf` returns) and by entry count.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
    private readonly maxEntries = Number.POSITIVE_INFINITY,
  ) {}

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    // Re-insert so iteration order keeps the most recent last.
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: K, value: V): void {
    const size = this.sizeOf(value);
    this.delete(key);
    if (size > this.maxSize) return; // would evict everything and still not fit
    this.map.set(key, { value, size });
    this.total += size;
    for (const [oldKey, old] of this.map) {
      if (this.total <= this.maxSize && this.map.size <= this.maxEntries) break;
      this.map.delete(oldKey);
      this.total -= old.size;
    }
  }

  delete(key: K): void {
    const hit = this.map.get(key);
    if (!hit) return;
    this.map.delete(key);
    this.total -= hit.size;
  }

  get size(): number {
    return this.total;
  }

  get count(): number {
    return this.map.size;
  }
}
