import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { DefaultDeserializer, DefaultSerializer } from "node:v8";
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
 *
 * The serialization is one v8 stream of several values: the entry without
 * its files, then its files in groups of about 2 M characters of line
 * text, then null. Each group is written on a turn of the event loop of
 * its own: a huge package's files serialized in one call held the loop
 * 36–42 ms. A group holds one file at least, so a single huge file
 * (lib/typescript.js: 370,000 changed lines) is still one step. An entry
 * written whole by an older server (one value, files included) still
 * reads; its key (ENGINE_VERSION) differs anyway.
 */
export const STORED_DIFF_CODEC: Codec<StoredDiff> = {
  encode: async (entry) => {
    let bytes = encodings.get(entry);
    if (!bytes) {
      bytes = serializeInSteps(entry).then(sealed);
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

/** About how much line text (UTF-16 code units) one group of files holds: ~5 ms of serializing here. */
const SERIALIZE_STEP_CHARS = 2 * 1024 * 1024;

async function serializeInSteps(entry: StoredDiff): Promise<Uint8Array> {
  const { files, ...head } = entry;
  const out = new DefaultSerializer();
  out.writeHeader();
  out.writeValue(head);
  let start = 0;
  while (start < files.length) {
    await nextTurn();
    const end = groupEnd(files, start);
    out.writeValue(files.slice(start, end));
    start = end;
  }
  // The end of the groups: a reader cannot take it for one.
  out.writeValue(null);
  return out.releaseBuffer();
}

/** Where the group of files from `start` ends: at least one file, else about SERIALIZE_STEP_CHARS of line text. */
function groupEnd(files: readonly FileDiff[], start: number): number {
  let chars = 0;
  let end = start;
  while (end < files.length && chars < SERIALIZE_STEP_CHARS) {
    const file = files[end++]!;
    chars += file.path.length;
    for (const hunk of file.hunks ?? []) for (const line of hunk.lines) chars += line.length + 1;
  }
  return end;
}

function decode(key: string, raw: Uint8Array): StoredDiff | undefined {
  const payload = unsealed(raw);
  if (!payload) return undefined;
  try {
    const input = new DefaultDeserializer(payload);
    input.readHeader();
    const value = input.readValue() as Partial<StoredDiff> | null;
    // An entry an older server wrote carries its files in the one value.
    if (value && !("files" in value)) value.files = readFileGroups(input);
    // The key inside guards against a file copied under another name.
    if (value?.key !== key || !Array.isArray(value.files) || !value.totals || !value.old || !value.new) return undefined;
    return value as StoredDiff;
  } catch {
    return undefined;
  }
}

/** The groups after an entry's head, up to their end (null); undefined when the stream holds anything else. */
function readFileGroups(input: DefaultDeserializer): FileDiff[] | undefined {
  const files: FileDiff[] = [];
  for (let group: unknown = input.readValue(); group !== null; group = input.readValue()) {
    if (!Array.isArray(group)) return undefined;
    for (const file of group) files.push(file as FileDiff);
  }
  return files;
}
