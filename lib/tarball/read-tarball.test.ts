import { gzipSync, type ZlibOptions } from "node:zlib";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { buildTar, buildTarball, type FixtureEntry } from "../../fixtures/tarball";
import { PkgdiffError } from "../errors";
import { readTarball } from "./read-tarball";
import type { PackageFile, PackageTree, TarLimits } from "./types";

// Counts what the reader's gunzip stream inflates, to prove that a bomb is
// stopped early instead of being inflated whole and measured afterwards.
const inflated = vi.hoisted(() => ({ bytes: 0 }));
vi.mock("node:zlib", async (importOriginal) => {
  const zlib = await importOriginal<typeof import("node:zlib")>();
  return {
    ...zlib,
    createGunzip: (options?: ZlibOptions) => {
      const gunzip = zlib.createGunzip(options);
      gunzip.on("data", (chunk: Buffer) => {
        inflated.bytes += chunk.byteLength;
      });
      return gunzip;
    },
  };
});

const MiB = 1024 * 1024;
const LIMITS: TarLimits = { maxTarballBytes: 200 * MiB, maxUnpackedBytes: 1024 * MiB, maxEntries: 100_000 };

beforeEach(() => {
  inflated.bytes = 0;
});

async function read(entries: FixtureEntry[], topDir?: string): Promise<PackageTree> {
  return readTarball(await buildTarball(entries, { topDir }), LIMITS);
}

async function rejection(promise: Promise<unknown>): Promise<PkgdiffError> {
  const error = await promise.then(
    () => new Error("expected the tarball to be refused"),
    (caught: unknown) => caught,
  );
  if (error instanceof PkgdiffError) return error;
  throw error;
}

function fileAt(tree: PackageTree, path: string): PackageFile {
  const entry = tree.entries.get(path);
  if (entry?.kind !== "file") throw new Error(`no file at ${path}`);
  return entry;
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Deterministic bytes that do not compress away. */
function noise(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/** Overwrites a field of the tar header at `offset` and fixes its checksum, for archives tar-stream will not write. */
function patchHeader(tar: Buffer, offset: number, field: number, value: string): void {
  tar.write(value, offset + field, "latin1");
  tar.fill(0x20, offset + 148, offset + 156);
  let sum = 0;
  for (let i = offset; i < offset + 512; i++) sum += tar[i] ?? 0;
  tar.write(`${sum.toString(8).padStart(6, "0")}\0 `, offset + 148, "latin1");
}

describe("readTarball: paths", () => {
  it.each(["package", "node", "mypkg-1.0.0"])("strips the top folder %j", async (topDir) => {
    const tree = await read(
      [
        { path: "package.json", content: '{"name":"x"}' },
        { path: "lib/index.js", content: "module.exports = 1;\n" },
      ],
      topDir,
    );
    expect([...tree.entries.keys()]).toEqual(["lib/index.js", "package.json"]);
    expect(text(fileAt(tree, "package.json").bytes)).toBe('{"name":"x"}');
    expect(fileAt(tree, "lib/index.js").path).toBe("lib/index.js");
  });

  it("keeps root files and whole paths when told there is no top folder", async () => {
    const tar = await buildTarball([
      { path: "mix.exs", content: "defmodule M do end\n", raw: true },
      { path: "lib", type: "directory", raw: true },
      { path: "./lib/m.ex", content: "m", raw: true },
    ]);
    const tree = await readTarball(tar, LIMITS, { stripTopFolder: false });
    expect([...tree.entries.keys()]).toEqual(["lib/m.ex", "mix.exs"]);
    expect(text(fileAt(tree, "mix.exs").bytes)).toBe("defmodule M do end\n");
    // The default still strips: the same archive loses its root file and its folder name.
    expect([...(await readTarball(tar, LIMITS)).entries.keys()]).toEqual(["m.ex"]);
  });

  it("drops entries with a single path component and does not list directories", async () => {
    const tree = await read([
      { path: "package", type: "directory", raw: true },
      { path: "README", content: "beside the top folder", raw: true },
      { path: "lib", type: "directory" },
      { path: "lib/a.js", content: "a" },
    ]);
    expect([...tree.entries.keys()]).toEqual(["lib/a.js"]);
  });

  it("skips `.` and empty components", async () => {
    const tree = await read([
      { path: "./package/a.js", content: "a", raw: true },
      { path: "package//lib/./b.js", content: "b", raw: true },
    ]);
    expect([...tree.entries.keys()]).toEqual(["a.js", "lib/b.js"]);
  });

  it("reads long paths and link targets (pax and ustar prefix)", async () => {
    const longName = `lib/${"n".repeat(150)}.js`;
    const deepName = `${Array.from({ length: 30 }, (_, i) => `dir${i}`).join("/")}/file.js`;
    const longTarget = `${"../".repeat(10)}${"t".repeat(120)}`;
    expect(deepName.length).toBeGreaterThan(100);
    const tree = await read([
      { path: longName, content: "long" },
      { path: deepName, content: "deep" },
      { path: "link", type: "symlink", linkname: longTarget },
    ]);
    expect(text(fileAt(tree, longName).bytes)).toBe("long");
    expect(text(fileAt(tree, deepName).bytes)).toBe("deep");
    expect(tree.entries.get("link")).toMatchObject({ kind: "symlink", linkTarget: longTarget });
  });

  it("sorts entries by path in code-unit order", async () => {
    const tree = await read(["é.md", "b", "a/z", "a.js", "A", "a-b"].map((path) => ({ path, content: path })));
    expect([...tree.entries.keys()]).toEqual(["A", "a-b", "a.js", "a/z", "b", "é.md"]);
  });

  it("keeps the last entry when a path occurs twice", async () => {
    const tree = await read([
      { path: "a.js", content: "first version, longer" },
      { path: "b.js", content: "file" },
      { path: "a.js", content: "two" },
      { path: "b.js", type: "symlink", linkname: "a.js" },
    ]);
    expect(text(fileAt(tree, "a.js").bytes)).toBe("two");
    expect(tree.entries.get("b.js")?.kind).toBe("symlink");
    expect(tree.unpackedBytes).toBe(3);
  });
});

describe("readTarball: entries", () => {
  it("reads file bytes exactly, also across many chunks", async () => {
    const big = noise(300 * 1024);
    const tree = await read([
      { path: "big.bin", content: big },
      { path: "small.txt", content: "hello\n" },
      { path: "empty", content: "" },
    ]);
    expect(Buffer.from(fileAt(tree, "big.bin").bytes).equals(big)).toBe(true);
    expect(text(fileAt(tree, "small.txt").bytes)).toBe("hello\n");
    expect(fileAt(tree, "empty").bytes.byteLength).toBe(0);
    expect(tree.unpackedBytes).toBe(big.length + 6);
  });

  it("keeps the permission bits", async () => {
    const tree = await read([
      { path: "bin/cli.js", content: "#!/usr/bin/env node\n", mode: 0o755 },
      { path: "index.js", content: "x", mode: 0o644 },
      { path: "secret", content: "x", mode: 0o600 },
    ]);
    expect(fileAt(tree, "bin/cli.js").mode).toBe(0o755);
    expect(fileAt(tree, "index.js").mode).toBe(0o644);
    expect(fileAt(tree, "secret").mode).toBe(0o600);
  });

  it("keeps only the permission bits when the header carries file-type bits", async () => {
    const tar = await buildTar([{ path: "run.sh", content: "echo hi\n" }]);
    patchHeader(tar, 0, 100, "0100755\0");
    const tree = await readTarball(gzipSync(tar), LIMITS);
    expect(fileAt(tree, "run.sh").mode).toBe(0o755);
  });

  it("lists symlinks, hard links and fifos without reading or following them", async () => {
    const tree = await read([
      { path: "real.js", content: "real" },
      { path: "escape", type: "symlink", linkname: "../../../../etc/passwd" },
      { path: "hard", type: "link", linkname: "package/real.js" },
      { path: "pipe", type: "fifo" },
    ]);
    expect(tree.entries.get("escape")).toEqual({
      kind: "symlink",
      path: "escape",
      mode: 0o644,
      tarType: "symlink",
      linkTarget: "../../../../etc/passwd",
    });
    expect(tree.entries.get("hard")).toEqual({
      kind: "hardlink",
      path: "hard",
      mode: 0o644,
      tarType: "link",
      linkTarget: "package/real.js",
    });
    expect(tree.entries.get("pipe")).toEqual({ kind: "other", path: "pipe", mode: 0o644, tarType: "fifo" });
    expect(tree.unpackedBytes).toBe(4);
  });

  it("marks binary files by content, not by name", async () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
    const tree = await read([
      { path: "logo.png", content: png },
      { path: "looks-binary.png", content: "actually text ✓" },
      { path: "latin1.txt", content: Uint8Array.of(0x63, 0x61, 0x66, 0xe9) },
      { path: "emoji.md", content: "🎉 release" },
      { path: "empty.bin", content: "" },
    ]);
    expect(fileAt(tree, "logo.png").binary).toBe(true);
    expect(fileAt(tree, "looks-binary.png").binary).toBe(false);
    expect(fileAt(tree, "latin1.txt").binary).toBe(true);
    expect(fileAt(tree, "emoji.md").binary).toBe(false);
    expect(fileAt(tree, "empty.bin").binary).toBe(false);
  });

  it("lists an entry of a type it does not know as other, and reads on", async () => {
    const tar = await buildTar([
      { path: "sparse", content: "hello" },
      { path: "after.js", content: "after" },
    ]);
    patchHeader(tar, 0, 156, "S"); // GNU sparse file
    const tree = await readTarball(gzipSync(tar), LIMITS);
    expect(tree.entries.get("sparse")).toEqual({ kind: "other", path: "sparse", mode: 0o644, tarType: "unknown" });
    expect(text(fileAt(tree, "after.js").bytes)).toBe("after");
    expect(tree.unpackedBytes).toBe(5);
  });

  it("does not hang on a directory header that declares a size", async () => {
    // tar-stream never ends the body stream of such a directory.
    const tar = await buildTar([{ path: "dir", content: "hello" }]);
    patchHeader(tar, 0, 156, "5");
    const error = await rejection(readTarball(gzipSync(tar), LIMITS));
    expect(error.kind).toBe("bad_tarball");
  });
});

describe("readTarball: limits", () => {
  it("refuses a compressed tarball over the size limit before reading it", async () => {
    const tgz = await buildTarball([{ path: "a.js", content: "a" }]);
    await expect(readTarball(tgz, { ...LIMITS, maxTarballBytes: tgz.length })).resolves.toBeDefined();
    inflated.bytes = 0;
    const error = await rejection(readTarball(tgz, { ...LIMITS, maxTarballBytes: tgz.length - 1 }));
    expect(error.kind).toBe("too_large");
    expect(inflated.bytes).toBe(0);
  });

  it("refuses a package that unpacks to more than the limit", async () => {
    const entries = [
      { path: "a.bin", content: noise(600 * 1024, 1) },
      { path: "b.bin", content: noise(424 * 1024, 2) },
    ];
    const tgz = await buildTarball(entries);
    const exact = await readTarball(tgz, { ...LIMITS, maxUnpackedBytes: MiB });
    expect(exact.unpackedBytes).toBe(MiB);
    const error = await rejection(readTarball(tgz, { ...LIMITS, maxUnpackedBytes: MiB - 1 }));
    expect(error.kind).toBe("too_large");
    expect(error.message).toContain("1048575 bytes");
  });

  it("stops a gzip bomb without inflating it", async () => {
    const bomb = await buildTarball([{ path: "zeros", content: new Uint8Array(64 * MiB) }]);
    expect(bomb.length).toBeLessThan(MiB);
    const error = await rejection(readTarball(bomb, { ...LIMITS, maxUnpackedBytes: MiB }));
    expect(error.kind).toBe("too_large");
    expect(error.message).toContain("1 MiB");
    expect(inflated.bytes).toBeLessThan(4 * MiB);
  });

  it("stops a bomb of many files as soon as their sum crosses the limit", async () => {
    const files = Array.from({ length: 64 }, (_, i) => ({ path: `f${i}`, content: new Uint8Array(MiB) }));
    const bomb = await buildTarball(files);
    const error = await rejection(readTarball(bomb, { ...LIMITS, maxUnpackedBytes: 4 * MiB }));
    expect(error.kind).toBe("too_large");
    expect(inflated.bytes).toBeLessThan(8 * MiB);
  });

  it("stops a bomb of zero blocks, which holds no files at all", async () => {
    // Zero blocks parse as empty headers forever: only the cap on raw tar bytes stops them.
    const bomb = gzipSync(new Uint8Array(64 * MiB));
    const error = await rejection(readTarball(bomb, { ...LIMITS, maxUnpackedBytes: MiB, maxEntries: 10 }));
    expect(error.kind).toBe("too_large");
    expect(inflated.bytes).toBeLessThan(32 * MiB);
  });

  it("refuses more entries than the limit, directories included", async () => {
    const entries: FixtureEntry[] = [
      { path: "lib", type: "directory" },
      { path: "lib/a.js", content: "a" },
      { path: "lib/b.js", content: "b" },
    ];
    const tgz = await buildTarball(entries);
    await expect(readTarball(tgz, { ...LIMITS, maxEntries: 3 })).resolves.toBeDefined();
    const error = await rejection(readTarball(tgz, { ...LIMITS, maxEntries: 2 }));
    expect(error.kind).toBe("too_large");
    expect(error.message).toContain("2 entries");
  });
});

describe("readTarball: hostile paths", () => {
  it.each([
    ["an absolute path", "/etc/passwd"],
    ["a drive letter", "C:\\evil.js"],
    ["a UNC path", "\\\\server\\share\\evil.js"],
    ["a `..` below the top folder", "package/../../evil.js"],
    ["a `..` that climbs out", "a/../../x"],
    ["backslash traversal", "package\\..\\..\\evil.js"],
    ["a bare `..`", "package/.."],
  ])("refuses the whole tarball for %s", async (_label, name) => {
    const error = await rejection(
      read([
        { path: "index.js", content: "fine" },
        { path: name, content: "evil", raw: true },
      ]),
    );
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain(JSON.stringify(name));
  });

  it("refuses a `..` in a symlink's or directory's own path too", async () => {
    for (const type of ["symlink", "directory"] as const) {
      const entry: FixtureEntry = { path: "package/../x", type, linkname: "y", raw: true };
      const error = await rejection(read([entry]));
      expect(error.kind).toBe("bad_tarball");
    }
  });

  it("refuses a NUL byte in a name", async () => {
    // A component over 100 bytes forces a pax header, which keeps the NUL.
    const name = `package/${"n".repeat(120)}\0.js`;
    const error = await rejection(read([{ path: name, content: "x", raw: true }]));
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain("NUL");
  });

  it("accepts names that only look like traversal", async () => {
    const tree = await read([{ path: "..foo/bar..", content: "ok" }]);
    expect([...tree.entries.keys()]).toEqual(["..foo/bar.."]);
  });
});

describe("readTarball: corrupt data", () => {
  async function validTarball(): Promise<Buffer> {
    return buildTarball([
      { path: "package.json", content: '{"name":"x"}' },
      { path: "data.bin", content: noise(64 * 1024) },
    ]);
  }

  it("refuses a truncated gzip stream", async () => {
    const tgz = await validTarball();
    const error = await rejection(readTarball(tgz.subarray(0, tgz.length >> 1), LIMITS));
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain("truncated");
  });

  it("refuses a gzip stream with flipped bytes", async () => {
    const tgz = Buffer.from(await validTarball());
    const middle = tgz.length >> 1;
    for (let i = middle; i < middle + 16; i++) tgz[i] = (tgz[i] ?? 0) ^ 0xff;
    const error = await rejection(readTarball(tgz, LIMITS));
    expect(error.kind).toBe("bad_tarball");
  });

  it("refuses a gzip stream whose checksum does not match", async () => {
    const tgz = Buffer.from(await validTarball());
    const crcAt = tgz.length - 8;
    tgz[crcAt] = (tgz[crcAt] ?? 0) ^ 0xff;
    const error = await rejection(readTarball(tgz, LIMITS));
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain("not valid gzip");
  });

  it.each([
    ["garbage", Buffer.from("this is not a tarball at all")],
    ["nothing", Buffer.alloc(0)],
  ])("refuses %s", async (_label, input) => {
    const error = await rejection(readTarball(input, LIMITS));
    expect(error.kind).toBe("bad_tarball");
  });

  it.each([
    ["short text", "hello"],
    ["long text", "not a tar header\n".repeat(100)],
    ["nothing", ""],
  ])("refuses valid gzip of %s, which is not tar", async (_label, content) => {
    const error = await rejection(readTarball(gzipSync(Buffer.from(content)), LIMITS));
    expect(error.kind).toBe("bad_tarball");
  });

  it("refuses a tar archive cut inside a file", async () => {
    const tar = await buildTar([{ path: "a.bin", content: noise(4096) }]);
    const error = await rejection(readTarball(gzipSync(tar.subarray(0, 1500)), LIMITS));
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain("truncated");
  });
});
