import { DefaultDeserializer, DefaultSerializer, serialize } from "node:v8";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sealed, unsealed } from "../cache/disk-store";
import type { FileDiff } from "../diff/types";
import { STORED_DIFF_CODEC, type StoredDiff } from "./diff-store";
import { countTurns } from "../testing/turn-counter";

/** A changed file of `lines` added lines of `width` characters. */
function file(path: string, lines: number, width = 80): FileDiff {
  return {
    path,
    status: "added",
    binary: false,
    oldSize: 0,
    newSize: lines * (width + 1),
    additions: lines,
    deletions: 0,
    hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: lines, lines: Array.from({ length: lines }, (_, i) => `+${String(i).padEnd(width - 1, "x")}`) }],
  };
}

function entry(files: FileDiff[], key = "v3.2:test:pkg@1.0.0..2.0.0:w=0"): StoredDiff {
  return {
    key,
    files,
    totals: { files: files.length, additions: files.reduce((n, f) => n + f.additions, 0), deletions: 0 },
    old: { key: "old-tree", integrity: "sha512-old" },
    new: { key: "new-tree", integrity: "sha512-new" },
  };
}

/** A big diff's files: 10 files of 8,000 lines of 80 characters (about 6.5 M characters in all). */
const big = () => entry(Array.from({ length: 10 }, (_, i) => file(`dist/bundle-${i}.js`, 8_000)));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("STORED_DIFF_CODEC", () => {
  it("reads back what it wrote, a big diff's many files included", async () => {
    const written = big();
    const bytes = await STORED_DIFF_CODEC.encode(written);
    expect(STORED_DIFF_CODEC.decode(written.key, bytes)).toEqual(written);
    const small = entry([file("index.js", 3)]);
    expect(STORED_DIFF_CODEC.decode(small.key, await STORED_DIFF_CODEC.encode(small))).toEqual(small);
    const none = entry([]);
    expect(STORED_DIFF_CODEC.decode(none.key, await STORED_DIFF_CODEC.encode(none))).toEqual(none);
  });

  it("writes a big diff's files in groups, each on a turn of the event loop of its own", async () => {
    const clock = countTurns();
    const turns: number[] = [];
    const writeValue = DefaultSerializer.prototype.writeValue;
    vi.spyOn(DefaultSerializer.prototype, "writeValue").mockImplementation(function (this: DefaultSerializer, value: unknown) {
      if (Array.isArray(value)) turns.push(clock.now);
      return writeValue.call(this, value);
    });
    try {
      await STORED_DIFF_CODEC.encode(big());
    } finally {
      clock.stop();
    }
    // About 6.5 M characters in groups of about 2 M: three groups at least.
    expect(turns.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < turns.length; i++) expect(turns[i]).toBeGreaterThan(turns[i - 1]!);
  });

  it("stores the entry without its files, then the files in groups, then null", async () => {
    const written = big();
    const payload = unsealed(await STORED_DIFF_CODEC.encode(written))!;
    const input = new DefaultDeserializer(Buffer.from(payload));
    input.readHeader();
    const head = input.readValue() as Record<string, unknown>;
    expect(head).not.toHaveProperty("files");
    expect(head.key).toBe(written.key);
    const groups: FileDiff[][] = [];
    for (let value = input.readValue(); value !== null; value = input.readValue()) groups.push(value as FileDiff[]);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flat().map((f) => f.path)).toEqual(written.files.map((f) => f.path));
  });

  it("reads an entry an older server wrote in one value", async () => {
    const written = entry([file("a.js", 10), file("b.js", 20)]);
    const old = await sealed(serialize(written));
    expect(STORED_DIFF_CODEC.decode(written.key, old)).toEqual(written);
  });

  it("reads a stream that is not a stored diff, or one under another key, as a miss", async () => {
    const written = entry([file("a.js", 10)]);
    const bytes = await STORED_DIFF_CODEC.encode(written);
    expect(STORED_DIFF_CODEC.decode("v3.2:test:other@1.0.0..2.0.0:w=0", bytes)).toBeUndefined();

    const stream = (...values: unknown[]) => {
      const out = new DefaultSerializer();
      out.writeHeader();
      for (const value of values) out.writeValue(value);
      return out.releaseBuffer();
    };
    const { files, ...head } = written;
    // A group that is not a list of files; groups with no end (cut by a writer, sealed anyway).
    expect(STORED_DIFF_CODEC.decode(written.key, await sealed(stream(head, "not files", null)))).toBeUndefined();
    expect(STORED_DIFF_CODEC.decode(written.key, await sealed(stream(head, files)))).toBeUndefined();
    expect(STORED_DIFF_CODEC.decode(written.key, await sealed(stream(head, files, null)))).toEqual(written);
  });
});
