import type { PackageEntry, PackageSpecialEntry, PackageTree } from "./types";

/** A file entry whose bytes live at `offset` in the WireTree's one buffer. */
interface WireFile {
  kind: "file";
  path: string;
  mode: number;
  binary: boolean;
  offset: number;
  length: number;
}

/**
 * A PackageTree in a shape that crosses threads cheaply: every file's bytes
 * packed into one ArrayBuffer, which postMessage can transfer instead of
 * copying entry by entry on the receiving (main) thread.
 */
export interface WireTree {
  entries: (WireFile | PackageSpecialEntry)[];
  buffer: ArrayBuffer;
  unpackedBytes: number;
}

export function toWire(tree: PackageTree): WireTree {
  const buffer = new ArrayBuffer(tree.unpackedBytes);
  const target = new Uint8Array(buffer);
  const entries: WireTree["entries"] = [];
  let offset = 0;
  for (const entry of tree.entries.values()) {
    if (entry.kind !== "file") {
      entries.push(entry);
      continue;
    }
    target.set(entry.bytes, offset);
    entries.push({ kind: "file", path: entry.path, mode: entry.mode, binary: entry.binary, offset, length: entry.bytes.byteLength });
    offset += entry.bytes.byteLength;
  }
  return { entries, buffer, unpackedBytes: tree.unpackedBytes };
}

/** The tree again; file bytes are Buffer views into the one buffer (no copy). */
export function fromWire(wire: WireTree): PackageTree {
  const entries = new Map<string, PackageEntry>();
  for (const entry of wire.entries) {
    if (entry.kind === "file") {
      const { offset, length, ...rest } = entry;
      entries.set(entry.path, { ...rest, bytes: Buffer.from(wire.buffer, offset, length) });
    } else {
      entries.set(entry.path, entry);
    }
  }
  return { entries, unpackedBytes: wire.unpackedBytes };
}
