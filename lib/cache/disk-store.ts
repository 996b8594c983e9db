import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A content-addressed file store: values are written atomically (temp file +
 * rename, so a crash never leaves a partial entry under the real name) and a
 * read is only trusted after the caller's `verify` accepts it; an entry that
 * fails is deleted and treated as a miss.
 */
export class DiskStore {
  constructor(private readonly dir: string) {}

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
    if (verify(bytes)) return bytes;
    await rm(file, { force: true });
    return undefined;
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
  }
}
