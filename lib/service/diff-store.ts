import "server-only";
import { deserialize, serialize } from "node:v8";
import { type DiskStore, sealed, unsealed } from "../cache/disk-store";
import type { DiffTotals, FileDiff } from "../diff/types";
import type { ReviewSummary } from "../review/types";
import type { Codec } from "../shared/types";
import type { TreeRef } from "./tarball-store";

/**
 * A computed diff as stored on disk: hunks and stats (never HTML) plus where
 * its two trees live in the tarball cache, so a restart serves it again
 * without the registry and without recomputing.
 */
export interface StoredDiff {
  key: string;
  files: FileDiff[];
  totals: DiffTotals;
  old: TreeRef;
  new: TreeRef;
  /** The review summary computed with the diff. */
  summary?: ReviewSummary;
}

/**
 * Computed diffs on disk under their content-addressed key (registry, name,
 * versions, options, engine version). Entries are sealed with a checksum:
 * a corrupt or cut entry reads as a miss (and is deleted), never as a diff.
 */
export class DiffStore {
  constructor(private readonly disk: DiskStore) {}

  has(key: string): Promise<boolean> {
    return this.disk.has(key);
  }

  async get(key: string): Promise<StoredDiff | undefined> {
    let entry: StoredDiff | undefined;
    // Whatever fails to verify (checksum, decoding, shape, key) is deleted by the store and recomputed.
    await this.disk.get(key, (raw) => (entry = decode(key, raw)) !== undefined);
    return entry;
  }

  async put(entry: StoredDiff): Promise<void> {
    await this.disk.put(entry.key, await STORED_DIFF_CODEC.encode(entry));
  }
}

/**
 * One format on disk and in Redis: v8-serialized, sealed with a checksum; a
 * corrupt, cut or misnamed entry decodes to undefined (a miss), never a diff.
 */
export const STORED_DIFF_CODEC: Codec<StoredDiff> = {
  encode: async (entry) => {
    let bytes = encodings.get(entry);
    if (!bytes) {
      bytes = sealed(serialize(entry));
      encodings.set(entry, bytes);
      // A failed encoding is not kept: the next write tries again.
      bytes.catch(() => encodings.delete(entry));
    }
    return bytes;
  },
  decode: (key, raw) => {
    const entry = decode(key, raw);
    if (entry) encodings.set(entry, Promise.resolve(raw));
    return entry;
  },
};

/**
 * The bytes an entry was encoded from or to: one diff goes to the disk and to
 * Redis (LayeredStore) at once, and one read from Redis is kept on disk, each
 * time as the same bytes; serializing a big diff again costs tens of ms.
 */
const encodings = new WeakMap<StoredDiff, Promise<Uint8Array>>();

function decode(key: string, raw: Uint8Array): StoredDiff | undefined {
  const payload = unsealed(raw);
  if (!payload) return undefined;
  try {
    const value = deserialize(payload) as Partial<StoredDiff> | null;
    // The key inside guards against a file copied under another name.
    if (value?.key !== key || !Array.isArray(value.files) || !value.totals || !value.old || !value.new) return undefined;
    return value as StoredDiff;
  } catch {
    return undefined;
  }
}
