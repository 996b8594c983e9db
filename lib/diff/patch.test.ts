import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import type { PackageEntry, PackageTree } from "../tarball/types";
import { serializeFilePatch, serializePatch } from "./patch";
import { file, git, readTreeFromDisk, seededRandom, symlink, tree, writeTree } from "./test-helpers";
import { diffTrees } from "./tree-diff";
import type { FileDiff } from "./types";

const limits = { maxFileBytes: 50_000, budgetMs: 60_000 };

function bytesOf(seed: number, length: number): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  bytes[0] = 0; // make sure it reads as binary
  return bytes;
}

const numbered = (from: number, to: number, suffix = ""): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}${suffix}\n`).join("");

const bigOld = numbered(1, 6000);
const bigNew = numbered(1, 6000).replace("line 10\n", "line ten\n").replace("line 5000\n", "");
const invalidLate = (tail: number[]): Buffer =>
  Buffer.concat([Buffer.from("ok\n".repeat(5000)), Buffer.from(tail), Buffer.from("\nend\n")]);

const oldEntries: PackageEntry[] = [
  file("README.md", "# demo\n\nSome text.\nMore text.\n"),
  file("lib/index.js", numbered(1, 40)),
  file("lib/removed.js", "gone\n"),
  file("bin/cli.js", "#!/usr/bin/env node\nrequire('../lib');\n"),
  file("bin/run.sh", "#!/bin/sh\necho old\n"),
  file("assets/logo.png", bytesOf(1, 3000)),
  file("assets/old.bin", bytesOf(2, 100)),
  file("dir with space/file name.txt", "a\nb\nc\n"),
  file("crlf.txt", "one\r\ntwo\r\nthree\r\n"),
  file("no-eol.txt", "x\ny\nz"),
  file("eol-added.txt", "first\nlast"),
  file("eol-removed.txt", "first\nlast\n"),
  file("caf\u00e9/\u00fcn\u00efcode.js", "const a = 1;\n"),
  file('odd "quoted" \\ name.txt', "q\n"),
  file("emptied.txt", "soon empty\n"),
  file("empty-removed.txt", ""),
  file("big.js", bigOld),
  file("collapsed.json", '{\n  "a": 1\n}\n'),
  file("bom.txt", "\ufeffbom line\nsecond\n"),
  file("late-invalid.txt", invalidLate([0xff, 0xfe])),
  file("late-invalid-added-side.txt", "was text\n"),
  symlink("link", "README.md"),
  symlink("link-removed", "lib/index.js"),
  file("swap", "a file that becomes a symlink\n"),
];

const newEntries: PackageEntry[] = [
  file("README.md", "# demo\n\nSome changed text.\nMore text.\nAnd a new line.\n"),
  file("lib/index.js", numbered(1, 40).replace("line 3\n", "line three\n").replace("line 30\n", "line 30\nline 30.5\n")),
  file("lib/added.js", "export const added = true;\n"),
  file("lib/added-empty.txt", ""),
  file("bin/cli.js", "#!/usr/bin/env node\nrequire('../lib');\n", 0o755),
  file("bin/run.sh", "#!/bin/sh\necho new\n", 0o755),
  file("bin/new-tool.sh", "#!/bin/sh\n", 0o755),
  file("assets/logo.png", bytesOf(3, 3500)),
  file("assets/new.bin", bytesOf(4, 700)),
  file("dir with space/file name.txt", "a\nB\nc\n"),
  file("crlf.txt", "one\r\n2\r\nthree\r\n"),
  file("no-eol.txt", "x\nY\nz"),
  file("eol-added.txt", "first\nlast\n"),
  file("eol-removed.txt", "first\nlast"),
  file("caf\u00e9/\u00fcn\u00efcode.js", "const a = 2;\n"),
  file('odd "quoted" \\ name.txt', "Q\n"),
  file("emptied.txt", ""),
  file("big.js", bigNew),
  file("collapsed.json", '{\n  "a": 2\n}\n'),
  file("bom.txt", "\ufeffbom line\nsecond changed\n"),
  file("late-invalid.txt", invalidLate([0xff, 0xfd])),
  file("late-invalid-added-side.txt", invalidLate([0xc3])),
  symlink("link", "lib/index.js"),
  symlink("new-link", "lib/added.js"),
  symlink("swap", "README.md"),
];

let workDir = "";
afterEach(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = "";
});

/** Writes `oldTree` to a fresh repository, applies `patch` with git, and returns what is on disk. */
function applyWithGit(oldTree: PackageTree, patch: string): ReturnType<typeof readTreeFromDisk> {
  workDir = mkdtempSync(path.join(tmpdir(), "pkgdiff-apply-"));
  writeTree(workDir, oldTree);
  git(["init", "-q"], workDir);
  const patchFile = path.join(workDir, ".git", "pkgdiff.patch");
  writeFileSync(patchFile, patch);
  git(["apply", "--whitespace=nowarn", patchFile], workDir);
  return readTreeFromDisk(workDir);
}

/** Asserts the files on disk are the new tree: same paths, bytes, executable bits and link targets. */
function expectTree(onDisk: ReturnType<typeof readTreeFromDisk>, expected: PackageTree): void {
  expect([...onDisk.keys()].sort()).toEqual([...expected.entries.keys()].sort());
  for (const entry of expected.entries.values()) {
    const actual = onDisk.get(entry.path);
    if (entry.kind === "file") {
      expect(actual?.bytes?.equals(Buffer.from(entry.bytes)), `${entry.path} bytes`).toBe(true);
      expect((actual!.mode & 0o100) !== 0, `${entry.path} executable`).toBe((entry.mode & 0o100) !== 0);
    } else {
      expect(actual?.linkTarget, `${entry.path} link`).toBe(entry.linkTarget);
    }
  }
}

describe("serializePatch", () => {
  const oldTree = tree(oldEntries);
  const newTree = tree(newEntries);

  it("builds a patch that git apply turns into the new tree, byte for byte", () => {
    const { files } = diffTrees(oldTree, newTree, limits);
    // The viewer skipped these; the patch must still carry them.
    expect(files.find((f) => f.path === "big.js")?.skipped).toBe("too_large");
    const withSkips: FileDiff[] = files.map((f) =>
      f.path === "collapsed.json" || f.path === "lib/index.js"
        ? { ...f, hunks: undefined, skipped: f.path === "collapsed.json" ? "collapsed" : "budget" }
        : f,
    );
    const patch = serializePatch(withSkips, { old: oldTree, new: newTree });
    expectTree(applyWithGit(oldTree, patch), newTree);
  });

  it("still applies when the files were diffed ignoring whitespace", () => {
    const before = tree([file("w.js", "if (a) {\n  b();\n}\n")]);
    const after = tree([file("w.js", "if (a) {\n\tb();\n}\n")]);
    const { files } = diffTrees(before, after, { ...limits, ignoreWhitespace: true });
    expect(files[0]?.hunks).toEqual([]);
    const patch = serializePatch(files, { old: before, new: after }, { ignoredWhitespace: true });
    expectTree(applyWithGit(before, patch), after);
  });

  it("writes git's headers for a text change", () => {
    const before = tree([file("a b.txt", "x\n")]);
    const after = tree([file("a b.txt", "y\n")]);
    const { files } = diffTrees(before, after, limits);
    expect(serializeFilePatch(files[0]!, { old: before, new: after })).toBe(
      [
        "diff --git a/a b.txt b/a b.txt",
        "index 587be6b4c3f93f93c489c0111bba5596147a26cb..975fbec8256d3e8a3797e7a3611380f27c49f4ac 100644",
        "--- a/a b.txt\t",
        "+++ b/a b.txt\t",
        "@@ -1 +1 @@",
        "-x",
        "+y",
        "",
      ].join("\n"),
    );
  });

  it("writes mode-only changes and empty new files without hunks", () => {
    const before = tree([file("run", "#!/bin/sh\n")]);
    const after = tree([file("run", "#!/bin/sh\n", 0o755), file("empty", "")]);
    const { files } = diffTrees(before, after, limits);
    expect(serializePatch(files, { old: before, new: after })).toBe(
      [
        "diff --git a/empty b/empty",
        "new file mode 100644",
        "index 0000000000000000000000000000000000000000..e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
        "diff --git a/run b/run",
        "old mode 100644",
        "new mode 100755",
        "",
      ].join("\n"),
    );
  });

  it("writes renames (FileDiffs with oldPath) so that git apply moves the file", () => {
    const before = tree([file("old name.txt", "1\n2\n3\n"), file("moved.txt", "same\n")]);
    const after = tree([file("new name.txt", "1\n2\nthree\n"), file("dir/moved.txt", "same\n")]);
    const renamed = (from: string, to: string, hunks: FileDiff["hunks"]): FileDiff => ({
      path: to,
      oldPath: from,
      status: "renamed",
      binary: false,
      oldMode: 0o644,
      newMode: 0o644,
      oldSize: 0,
      newSize: 0,
      additions: 0,
      deletions: 0,
      hunks,
    });
    const patch = serializePatch(
      [renamed("old name.txt", "new name.txt", undefined), renamed("moved.txt", "dir/moved.txt", [])],
      { old: before, new: after },
    );
    expect(patch).toContain("rename from old name.txt\nrename to new name.txt\n");
    expectTree(applyWithGit(before, patch), after);
  });

  it("is empty when nothing changed", () => {
    const same = tree([file("a", "1\n")]);
    expect(serializePatch(diffTrees(same, same, limits).files, { old: same, new: same })).toBe("");
  });
});
