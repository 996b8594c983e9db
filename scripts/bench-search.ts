/**
 * Per-keystroke search time over the whole popular-packages index, and the
 * index's size: `node --import tsx scripts/bench-search.ts`. Every prefix of
 * each query is one keystroke (`r`, `re`, `rea`…), searched as the search
 * box does (8 results). Not a test: it prints numbers (target p99 < 5 ms).
 */
import { gzipSync } from "node:zlib";
import { npmHighImpact } from "npm-high-impact";
import { decodeIndex, encodeIndex } from "../lib/search/index-format";
import { createEcosystemIndex } from "../lib/search/ecosystem-index";

export interface SearchBenchResult {
  names: number;
  keystrokes: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  /** Building the prefix part (usable at once) and the typo part (built in the background). */
  buildMs: number;
  typoBuildMs: number;
  indexRawBytes: number;
  indexGzipBytes: number;
}

/** What people type: complete names, scoped names, typos, words, single letters. */
export const BENCH_QUERIES = [
  "react",
  "react-dom",
  "lodash",
  "lodsh",
  "reactdom",
  "@babel/core",
  "@types/node",
  "typescript",
  "typscript",
  "express",
  "expresss",
  "webpack",
  "eslint-plugin-react",
  "core",
  "vue",
  "next",
  "@angular/core",
  "@aws-sdk/client-s3",
  "left-pad",
  "tailwindcss",
  "zzzz-not-a-package",
  "babel core",
  "dom",
  "semver",
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export async function benchSearch(options: { rounds?: number; names?: readonly string[] } = {}): Promise<SearchBenchResult> {
  const rounds = options.rounds ?? 5;
  const raw = Buffer.from(encodeIndex([{ ecosystem: "npm", names: [...new Set(options.names ?? npmHighImpact)] }]), "utf8");
  const sections = decodeIndex(raw.toString("utf8"));

  let start = performance.now();
  const index = createEcosystemIndex(sections, { typos: "later" });
  const buildMs = performance.now() - start;
  start = performance.now();
  await index.loadTypos();
  const typoBuildMs = performance.now() - start;

  const keystrokes = BENCH_QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
  for (const text of keystrokes) index.search(text, 8); // warm up the JIT as a page would after a few keys
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of keystrokes) {
      const t = performance.now();
      index.search(text, 8);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const round2 = (n: number) => Math.round(n * 1000) / 1000;
  return {
    names: index.size,
    keystrokes: times.length,
    medianMs: round2(percentile(times, 0.5)),
    p99Ms: round2(percentile(times, 0.99)),
    maxMs: round2(times[times.length - 1] ?? 0),
    buildMs: Math.round(buildMs),
    typoBuildMs: Math.round(typoBuildMs),
    indexRawBytes: raw.length,
    indexGzipBytes: gzipSync(raw, { level: 6 }).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchSearch(), null, 2));
}
