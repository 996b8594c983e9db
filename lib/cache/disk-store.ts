import { createHash, randomBytes } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";

/** A temporary file older than this is a crash's leftover, not a write in progress. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/**
 * Bounds the bytes of one or more DiskStore folders together: files are
 * remembered in least-recently-used order (seeded from their mtime at start,
 * so the order survives restarts) and the oldest are deleted once the total
 * passes `maxBytes`, down to 90% of it so eviction isn't paid on every write.
 */
export class DiskBudget {
  /** file → size, in recency order (oldest first). */
  private readonly files = new Map<string, number>();
  private total = 0;
  private readonly ready: Promise<void>;

  constructor(
    private readonly dirs: string[],
    readonly maxBytes: number,
  ) {
    // A folder that can't be read starts the count at zero rather than failing every write.
    this.ready = this.scan().catch(() => undefined);
  }

  /** Bytes on disk now (after the start-up scan). */
  async usedBytes(): Promise<number> {
    await this.ready;
    return this.total;
  }

  /** A read hit: the file becomes the most recently used, on disk too (mtime), for the next start. */
  touch(file: string): void {
    const size = this.files.get(file);
    if (size === undefined) return;
    this.files.delete(file);
    this.files.set(file, size);
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }

  async added(file: string, size: number): Promise<void> {
    await this.ready;
    this.forget(file);
    this.files.set(file, size);
    this.total += size;
    await this.evict();
  }

  forget(file: string): void {
    const size = this.files.get(file);
    if (size === undefined) return;
    this.files.delete(file);
    this.total -= size;
  }

  private async evict(): Promise<void> {
    if (this.total <= this.maxBytes) return;
    const target = this.maxBytes * 0.9;
    const victims: [string, number][] = [];
    for (const [file, size] of this.files) {
      if (this.total <= target) break;
      this.files.delete(file);
      this.total -= size;
      victims.push([file, size]);
    }
    // A reader that opened a victim a moment ago still reads it whole (unlink keeps open files).
    await Promise.all(
      victims.map(async ([file, size]) => {
        // A file that could not be deleted still takes its room: count it again (oldest, so tried first next time).
        await rm(file, { force: true }).catch(() => this.countAgain(file, size));
      }),
    );
  }

  private countAgain(file: string, size: number): void {
    if (this.files.has(file) || size === 0) return;
    const rest = [...this.files];
    this.files.clear();
    this.files.set(file, size);
    for (const [f, s] of rest) this.files.set(f, s);
    this.total += size;
  }

  private async scan(): Promise<void> {
    const found: { file: string; size: number; used: number }[] = [];
    for (const dir of this.dirs) {
      for (const file of await listFiles(dir)) {
        const info = await stat(file).catch(() => undefined);
        if (file.endsWith(".tmp")) {
          // Left by a crash mid-write (never under a real name, never read); a recent one may be a write in progress.
          if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true }).catch(() => undefined);
          continue;
        }
        if (info?.isFile()) found.push({ file, size: info.size, used: info.mtimeMs });
      }
    }
    found.sort((a, b) => a.used - b.used);
    for (const { file, size } of found) {
      if (this.files.has(file)) continue;
      this.files.set(file, size);
      this.total += size;
    }
    await this.evict();
  }
}

/** Files one and two levels below `dir` (DiskStore's layout); none when it doesn't exist yet. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const top = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of top) {
    const full = path.join(dir, entry.name);
    if (entry.isFile()) out.push(full);
    else if (entry.isDirectory()) {
      for (const inner of await readdir(full, { withFileTypes: true }).catch(() => [])) {
        if (inner.isFile()) out.push(path.join(full, inner.name));
      }
    }
  }
  return out;
}

/**
 * A content-addressed file store: values are written atomically (temp file +
 * rename, so a crash never leaves a partial entry under the real name) and a
 * read is only trusted after the caller's `verify` accepts it; an entry that
 * fails is deleted and treated as a miss. With a budget, the folder's size is
 * bounded (least recently used entries are deleted first).
 */
export class DiskStore {
  constructor(
    private readonly dir: string,
    private readonly budget?: DiskBudget,
  ) {}

  private fileFor(key: string): string {
    const digest = createHash("sha256").update(key).digest("hex");
    return path.join(this.dir, digest.slice(0, 2), digest);
  }

  async get(key: string, verify: (bytes: Uint8Array) => boolean): Promise<Uint8Array | undefined> {
    const file = this.fileFor(key);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      return undefined;
    }
    if (verify(bytes)) {
      this.budget?.touch(file);
      return bytes;
    }
    this.budget?.forget(file);
    await rm(file, { force: true });
    return undefined;
  }

  /** True when an entry exists under `key` (not verified: `get` still may miss). */
  async has(key: string): Promise<boolean> {
    return stat(this.fileFor(key)).then(
      (info) => info.isFile(),
      () => false,
    );
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.fileFor(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await this.budget?.added(file, bytes.length);
  }
}

/** How much of an entry `sealed` hashes and copies between two turns of the event loop (~3 ms here). */
const SEAL_STEP_BYTES = 4 * 1024 * 1024;

/**
 * `sha256(payload) ‖ payload`: lets a reader tell a whole entry from a
 * corrupt or cut one. A big diff's entry is tens of MB: it is hashed and
 * copied in steps, giving the event loop back between them, so other
 * requests are not held for the whole of it.
 */
export async function sealed(payload: Uint8Array): Promise<Uint8Array> {
  const out = new Uint8Array(32 + payload.length);
  const hash = createHash("sha256");
  for (let at = 0; at < payload.length; at += SEAL_STEP_BYTES) {
    // A turn before each step, the first too: the payload was serialized right before this.
    await nextTurn();
    const step = payload.subarray(at, at + SEAL_STEP_BYTES);
    hash.update(step);
    out.set(step, 32 + at);
  }
  out.set(hash.digest(), 0);
  return out;
}

/** The payload of a `sealed` entry, or undefined when its checksum doesn't match. */
export function unsealed(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 32) return undefined;
  const payload = bytes.subarray(32);
  const digest = createHash("sha256").update(payload).digest();
  return digest.equals(bytes.subarray(0, 32)) ? payload : undefined;
}
