/** One upgrade to measure: a package and the two published versions it moves between. */
export interface BenchPair {
  name: string;
  from: string;
  to: string;
}

/** The pairs of issue 3: small, a big single-file jump, a huge compiler, a huge framework. */
export const BENCH_PAIRS: readonly BenchPair[] = [
  { name: "react", from: "18.2.0", to: "18.3.1" },
  { name: "vue", from: "3.4.21", to: "3.5.13" },
  { name: "typescript", from: "5.3.3", to: "5.4.5" },
  { name: "next", from: "14.2.3", to: "14.2.5" },
];

export function pairLabel(pair: BenchPair): string {
  return `${pair.name} ${pair.from}→${pair.to}`;
}
