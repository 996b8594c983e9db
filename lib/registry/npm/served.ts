import "server-only";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isPackageName, parseNameList } from "./name-list";

/** Most names remembered; the oldest go first. */
const MAX_NAMES = 5_000;
/** Writes are batched: a burst of diffs costs one write. */
const WRITE_DELAY_MS = 5_000;

/**
 * The packages this server has served, remembered across restarts in
 * `<CACHE_DIR>/search/served.txt`, so that the search index also knows
 * what people here look at (private packages included) and not only the
 * popular list.
 */
export class ServedNames {
  private names: Set<string> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every new name, so the index knows when to rebuild. */
  generation = 0;

  constructor(private readonly file: string) {}

  list(): string[] {
    return [...this.load()];
  }

  record(name: string): void {
    const names = this.load();
    if (names.has(name) || !isPackageName(name)) return;
    names.add(name);
    for (const oldest of names) {
      if (names.size <= MAX_NAMES) break;
      names.delete(oldest);
    }
    this.generation += 1;
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Writes now (tests, shutdown); failures only cost the memory across restarts. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(this.file, `${this.list().join("\n")}\n`);
    } catch (error) {
      console.warn(`search: could not save served package names to ${this.file}:`, error);
    }
  }

  private load(): Set<string> {
    if (this.names) return this.names;
    try {
      this.names = new Set(parseNameList(readFileSync(this.file, "utf8")).filter(isPackageName).slice(-MAX_NAMES));
    } catch {
      this.names = new Set();
    }
    return this.names;
  }
}
