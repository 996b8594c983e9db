import { isUtf8 } from "node:buffer";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

import type { PackageEntry, PackageFile, PackageSpecialEntry, PackageTree } from "../tarball/types";

/** Test fixtures: package trees built directly, without a tarball. */

const SNIFF_BYTES = 8192;

/** Binary the way the tarball reader decides it: NUL or invalid UTF-8 in the first 8 KiB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return true;
  // Cut at a character boundary so a multi-byte sequence split by the cut is not "invalid".
  let end = head.length;
  if (bytes.length > SNIFF_BYTES) {
    while (end > 0 && (head[end - 1]! & 0xc0) === 0x80) end--;
    if (end > 0 && head[end - 1]! >= 0xc0) end--;
  }
  return !isUtf8(head.subarray(0, end));
}

/** A PackageFile with its `binary` flag decided as the tarball reader does. */
export function file(path: string, content: string | Uint8Array, mode = 0o644): PackageFile {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { kind: "file", path, mode, bytes, binary: looksBinary(bytes) };
}

/** A symlink entry. */
export function symlink(path: string, target: string): PackageSpecialEntry {
  return { kind: "symlink", path, mode: 0o777, linkTarget: target, tarType: "symlink" };
}

/** A PackageTree of the entries, sorted by path, with `unpackedBytes` summed. */
export function tree(entries: PackageEntry[]): PackageTree {
  const sorted = [...entries].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  let unpackedBytes = 0;
  for (const entry of sorted) if (entry.kind === "file") unpackedBytes += entry.bytes.byteLength;
  return { entries: new Map(sorted.map((entry) => [entry.path, entry])), unpackedBytes };
}

/** A seeded PRNG (mulberry32), so generated test data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs git (no user config, no pager) and returns stdout; exit code 1 (diff found) is not an error. */
export function git(args: string[], cwd: string, input?: string): string {
  const result = spawnSync("git", args, {
    cwd,
    input,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: cwd, GIT_PAGER: "cat", LC_ALL: "C" },
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`git ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

/** Writes a tree's files and symlinks under `dir` with their modes. */
export function writeTree(dir: string, source: PackageTree): void {
  for (const entry of source.entries.values()) {
    const target = path.join(dir, entry.path);
    mkdirSync(path.dirname(target), { recursive: true });
    if (entry.kind === "file") {
      writeFileSync(target, entry.bytes);
      chmodSync(target, entry.mode & 0o777);
    } else if (entry.kind === "symlink") {
      symlinkSync(entry.linkTarget ?? "", target);
    }
  }
}

/** Files and symlinks under `dir` (skipping `.git`), keyed by `/`-separated path. */
export function readTreeFromDisk(dir: string): Map<string, { mode: number; bytes?: Buffer; linkTarget?: string }> {
  const found = new Map<string, { mode: number; bytes?: Buffer; linkTarget?: string }>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      if (folder === dir && name === ".git") continue;
      const full = path.join(folder, name);
      const stat = lstatSync(full);
      const rel = path.relative(dir, full).split(path.sep).join("/");
      if (stat.isDirectory()) walk(full);
      else if (stat.isSymbolicLink()) found.set(rel, { mode: 0o120000, linkTarget: readlinkSync(full) });
      else found.set(rel, { mode: stat.mode & 0o777, bytes: readFileSync(full) });
    }
  };
  walk(dir);
  return found;
}

const CODE_VOCABULARY = [
  "}",
  "",
  "  }",
  "    return result;",
  "{",
  "  foo();",
  "\tbar();",
  "const a = 1;",
  "// comment",
  "if (x) {",
  "} else {",
  "  break;",
];
const REPETITIVE_VOCABULARY = ["}", "", "  }", "x"];

/**
 * Pseudo-random lines: a mix of lines that repeat a lot (braces, blank
 * lines, common statements) and lines that are mostly unique. The
 * "repetitive" profile makes regions whose every line occurs more than 64
 * times, which sends histogram diff to its Myers fallback.
 */
export function randomLines(random: () => number, count: number, profile: "code" | "repetitive"): string[] {
  const vocabulary = profile === "code" ? CODE_VOCABULARY : REPETITIVE_VOCABULARY;
  const repeatShare = profile === "code" ? 0.6 : 0.99;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      random() < repeatShare
        ? vocabulary[Math.floor(random() * vocabulary.length)]!
        : `value_${Math.floor(random() * count * 2)} = compute(${i % 17});`,
    );
  }
  return lines;
}

/** Applies `count` random edits: insert, delete, move, duplicate and modify blocks, add runs of "}" or blank lines. */
export function mutateLines(
  random: () => number,
  source: readonly string[],
  count: number,
  profile: "code" | "repetitive" = "code",
): string[] {
  const lines = [...source];
  const at = (): number => Math.floor(random() * (lines.length + 1));
  for (let m = 0; m < count; m++) {
    const pos = at();
    const len = 1 + Math.floor(random() * 8);
    switch (Math.floor(random() * 6)) {
      case 0:
        lines.splice(pos, 0, ...randomLines(random, len, profile));
        break;
      case 1:
        lines.splice(pos, len);
        break;
      case 2: {
        const block = lines.splice(pos, len);
        lines.splice(at(), 0, ...block);
        break;
      }
      case 3:
        lines.splice(at(), 0, ...lines.slice(pos, pos + len));
        break;
      case 4:
        for (let i = pos; i < Math.min(lines.length, pos + len); i++) lines[i] = `${lines[i]!} // changed`;
        break;
      default:
        lines.splice(pos, 0, ...Array.from({ length: len }, () => (random() < 0.5 ? "}" : "")));
    }
  }
  return lines;
}

/** Joins lines into file text, with or without a final newline, LF or CRLF. */
export function joinLines(lines: readonly string[], options: { finalNewline?: boolean; crlf?: boolean } = {}): string {
  const eol = options.crlf ? "\r\n" : "\n";
  if (lines.length === 0) return "";
  return lines.join(eol) + (options.finalNewline === false ? "" : eol);
}
