import type { FixtureEntry } from "../fixtures/tarball";
import { seededRandom } from "../lib/diff/test-helpers";
import type { FixturePackage } from "../fixtures/types";

/** Shape of a generated package: how many files, how long, and how much changes between 1.0.0 and 2.0.0. */
export interface SyntheticShape {
  files: number;
  linesPerFile: number;
  /** Every n-th file changes (others are identical in both versions). */
  changeEveryFile: number;
  /** In a changed file, every n-th line changes. */
  changeEveryLine: number;
}

export interface SyntheticPackage {
  pkg: FixturePackage;
  shape: SyntheticShape;
  /** Bytes of one version's files (the old one). */
  unpackedBytes: number;
}

const WORDS = ["value", "count", "index", "buffer", "result", "options", "node", "entry", "state", "offset", "chunk", "token"];

/**
 * One JavaScript module. Lines come from a PRNG seeded by the file, so both
 * versions share them; in a changed file version 2 rewrites every
 * `changeEveryLine`-th line and appends a few, like a real upgrade.
 */
function moduleSource(fileIndex: number, version: number, shape: SyntheticShape, changed: boolean): string {
  const random = seededRandom(fileIndex * 7919 + 17);
  const lines = ["\"use strict\";", `// module ${fileIndex}`, ""];
  for (let i = 0; i < shape.linesPerFile; i++) {
    const a = WORDS[Math.floor(random() * WORDS.length)]!;
    const b = WORDS[Math.floor(random() * WORDS.length)]!;
    const k = Math.floor(random() * 100_000);
    const bump = changed && i % shape.changeEveryLine === 0 ? version : 1;
    lines.push(`exports.${a}_${fileIndex}_${i} = function (${a}, ${b}) { return ${a} * ${k * bump} + ${b}.length; };`);
  }
  if (changed && version > 1) for (let i = 0; i < 5; i++) lines.push(`exports.added_${fileIndex}_${i} = ${i * version};`);
  return `${lines.join("\n")}\n`;
}

function versionFiles(name: string, version: number, shape: SyntheticShape): FixtureEntry[] {
  const files: FixtureEntry[] = [
    { path: "package.json", content: `${JSON.stringify({ name, version: `${version}.0.0`, main: "lib/m0000.js", license: "MIT" }, null, 2)}\n` },
  ];
  for (let f = 0; f < shape.files; f++) {
    const changed = f % shape.changeEveryFile === 0;
    files.push({ path: `lib/${String(Math.floor(f / 100)).padStart(2, "0")}/m${String(f).padStart(4, "0")}.js`, content: moduleSource(f, version, shape, changed) });
  }
  return files;
}

/** A package with versions 1.0.0 and 2.0.0 of the given shape, built deterministically. */
export function syntheticPackage(name: string, shape: SyntheticShape): SyntheticPackage {
  const v1 = versionFiles(name, 1, shape);
  const v2 = versionFiles(name, 2, shape);
  const unpackedBytes = v1.reduce((sum, file) => sum + (typeof file.content === "string" ? Buffer.byteLength(file.content) : 0), 0);
  return {
    shape,
    unpackedBytes,
    pkg: {
      name,
      distTags: { latest: "2.0.0" },
      versions: [
        { version: "1.0.0", time: "2025-01-01T00:00:00.000Z", files: v1 },
        { version: "2.0.0", time: "2025-02-01T00:00:00.000Z", files: v2 },
      ],
    },
  };
}

/** The packages of the load section (bench/load.ts). */
export const LOAD_SHAPES = {
  /** The cached page under load: 150 files, ~1.5 MB, 15 changed files, a few hundred changed lines. */
  medium: { files: 150, linesPerFile: 120, changeEveryFile: 10, changeEveryLine: 30 },
  /** The huge uncached diff: thousands of files, tens of MB, tens of thousands of changed lines. */
  huge: { files: 3000, linesPerFile: 150, changeEveryFile: 2, changeEveryLine: 6 },
  /**
   * Concurrent identical JSON API requests (and the twin measured alone): the
   * diff computation without rendering, big enough for its CPU to stand out.
   */
  apiBurst: { files: 1500, linesPerFile: 150, changeEveryFile: 2, changeEveryLine: 6 },
  /**
   * The cold `.patch` of the patch section (bench/patch-path.ts), shaped
   * like next 14.2.3→14.2.5: 170 changed files (next: 169) and a patch of
   * about 38 MiB (next: 38.7 MiB).
   */
  patchHuge: { files: 340, linesPerFile: 2000, changeEveryFile: 2, changeEveryLine: 6 },
  /** Concurrent identical diff pages (and the twin measured alone): 100 files, 20 changed; rendering dominates. */
  pageBurst: { files: 100, linesPerFile: 120, changeEveryFile: 5, changeEveryLine: 20 },
  /**
   * The uncached diffs of the cluster section (bench/cluster.ts), counted per
   * second with one replica and with two: 200 files, 100 changed; a few
   * hundred ms of computation each, so that computing, not HTTP, dominates.
   */
  clusterDiff: { files: 200, linesPerFile: 120, changeEveryFile: 2, changeEveryLine: 6 },
  /** The cold diff timed with and without Redis: small, so the computation's noise does not drown a few ms. */
  clusterCold: { files: 8, linesPerFile: 40, changeEveryFile: 2, changeEveryLine: 8 },
} satisfies Record<string, SyntheticShape>;
