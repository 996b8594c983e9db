import { describe, expect, it } from "vitest";

import { diffFile } from "./file-diff";
import { file, symlink } from "./test-helpers";

const limits = { maxFileBytes: 1 << 20, budgetMs: 60_000 };

describe("diffFile", () => {
  it("returns null for identical bytes and mode", () => {
    expect(diffFile(file("a.js", "x\n"), file("a.js", "x\n"), limits)).toBeNull();
  });

  it("ignores permission bits git does not store", () => {
    expect(diffFile(file("a.js", "x\n", 0o644), file("a.js", "x\n", 0o664), limits)).toBeNull();
  });

  it("returns null when neither side exists", () => {
    expect(diffFile(undefined, undefined, limits)).toBeNull();
  });

  it("reports an added file", () => {
    const diff = diffFile(undefined, file("new.js", "a\nb\n"), limits);
    expect(diff).toMatchObject({ path: "new.js", status: "added", binary: false, additions: 2, deletions: 0 });
    expect(diff?.oldMode).toBeUndefined();
    expect(diff?.newMode).toBe(0o644);
    expect(diff?.hunks).toEqual([{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2, lines: ["+a", "+b"] }]);
  });

  it("reports a removed file", () => {
    const diff = diffFile(file("old.js", "a\n", 0o755), undefined, limits);
    expect(diff).toMatchObject({ path: "old.js", status: "removed", additions: 0, deletions: 1, oldMode: 0o755 });
    expect(diff?.newMode).toBeUndefined();
  });

  it("reports an added empty file without hunks", () => {
    expect(diffFile(undefined, file("empty", ""), limits)).toMatchObject({ status: "added", hunks: [], newSize: 0 });
  });

  it("reports a modified text file with sizes and counts", () => {
    const diff = diffFile(file("m.js", "a\nb\n"), file("m.js", "a\nc\nd\n"), limits);
    expect(diff).toMatchObject({ status: "modified", oldSize: 4, newSize: 6, additions: 2, deletions: 1 });
    expect(diff?.hunks?.[0]?.lines).toEqual([" a", "-b", "+c", "+d"]);
  });

  it("reports a mode-only change with no hunks", () => {
    const diff = diffFile(file("bin/cli", "#!/bin/sh\n", 0o644), file("bin/cli", "#!/bin/sh\n", 0o755), limits);
    expect(diff).toMatchObject({ status: "modified", hunks: [], oldMode: 0o644, newMode: 0o755, additions: 0 });
  });

  it("reports a changed binary as binary with sizes only", () => {
    const diff = diffFile(file("img.png", Buffer.from([0, 1, 2])), file("img.png", Buffer.from([0, 1, 3, 4])), limits);
    expect(diff).toMatchObject({ status: "binary", binary: true, skipped: "binary", oldSize: 3, newSize: 4 });
    expect(diff?.hunks).toBeUndefined();
  });

  it("keeps added and removed binaries as added and removed", () => {
    const bytes = Buffer.from([0, 255, 0]);
    expect(diffFile(undefined, file("x.bin", bytes), limits)).toMatchObject({ status: "added", binary: true });
    expect(diffFile(file("x.bin", bytes), undefined, limits)).toMatchObject({ status: "removed", binary: true });
  });

  it("treats text that becomes binary as binary", () => {
    const diff = diffFile(file("f", "text\n"), file("f", Buffer.from([0, 0])), limits);
    expect(diff).toMatchObject({ status: "binary", binary: true });
  });

  it("treats invalid UTF-8 past the sniffed prefix as binary", () => {
    const bytes = Buffer.concat([Buffer.from("a\n".repeat(10_000)), Buffer.from([0xff, 0x0a])]);
    const old = file("late.txt", "a\n");
    const neu = file("late.txt", bytes);
    expect(neu.binary).toBe(false);
    expect(diffFile(old, neu, limits)).toMatchObject({ status: "binary", binary: true, skipped: "binary" });
  });

  it("skips a text file over the size limit, with zero counts", () => {
    const diff = diffFile(file("big.js", "a\n".repeat(100)), file("big.js", "b\n".repeat(100)), {
      ...limits,
      maxFileBytes: 150,
    });
    expect(diff).toMatchObject({ status: "modified", skipped: "too_large", additions: 0, deletions: 0 });
    expect(diff?.hunks).toBeUndefined();
  });

  it("skips a file whose deadline has passed", () => {
    const before = Array.from({ length: 50_000 }, (_, i) => `line ${i}\n`).join("");
    const after = Array.from({ length: 50_000 }, (_, i) => `line ${i * 7}\n`).join("");
    const diff = diffFile(file("slow.js", before), file("slow.js", after), { ...limits, budgetMs: -1 });
    expect(diff).toMatchObject({ status: "modified", skipped: "budget", additions: 0, deletions: 0 });
    expect(diff?.hunks).toBeUndefined();
  });

  it("ignores whitespace-only changes with ignoreWhitespace", () => {
    const old = file("w.js", "if (a) {\n  b();\n}\n");
    const neu = file("w.js", "if (a) {\n\tb( );\n}\n");
    expect(diffFile(old, neu, limits)?.additions).toBe(1);
    expect(diffFile(old, neu, { ...limits, ignoreWhitespace: true })).toMatchObject({ additions: 0, hunks: [] });
  });

  it("honours the context option", () => {
    const old = file("c.txt", "1\n2\n3\n4\n5\n");
    const neu = file("c.txt", "1\n2\nthree\n4\n5\n");
    expect(diffFile(old, neu, { ...limits, context: 1 })?.hunks?.[0]?.lines).toEqual([" 2", "-3", "+three", " 4"]);
  });

  it("describes a symlink change in a note", () => {
    const diff = diffFile(symlink("link", "../x"), symlink("link", "../y"), limits);
    expect(diff).toMatchObject({ status: "modified", note: "symlink → ../x changed to → ../y", hunks: [] });
  });

  it("returns null for an unchanged symlink", () => {
    expect(diffFile(symlink("link", "../x"), symlink("link", "../x"), limits)).toBeNull();
  });

  it("describes added, removed and retyped special entries", () => {
    expect(diffFile(undefined, symlink("l", "t"), limits)).toMatchObject({ status: "added", note: "symlink → t" });
    expect(diffFile(symlink("l", "t"), undefined, limits)).toMatchObject({ status: "removed", note: "symlink → t" });
    expect(diffFile(file("l", "x\n"), symlink("l", "t"), limits)).toMatchObject({
      status: "modified",
      note: "regular file changed to symlink → t",
    });
    const fifo = { kind: "other" as const, path: "p", mode: 0o644, tarType: "fifo" };
    expect(diffFile(undefined, fifo, limits)).toMatchObject({ status: "added", note: "fifo" });
  });
});
