/**
 * `npm run bench`: pkgdiff's engine against git and npm diff on real
 * package upgrades (issue 3). Progress goes to stderr, the Markdown report
 * to stdout, so `npm run bench > bench.md` keeps only the report.
 * Knobs: see bench/settings.ts.
 */
import { serviceLimits } from "./engine";
import { type PairResult, measurePair } from "./measure-pair";
import { BENCH_PAIRS } from "./pairs";
import { machineHeader, renderReport } from "./report";
import { measureResponsiveness, responsivenessTable } from "./responsiveness";
import { readSettings } from "./settings";

async function main(): Promise<void> {
  const settings = readSettings();
  const limits = serviceLimits();
  const header = machineHeader(settings);
  const pairs = BENCH_PAIRS.filter((pair) => !settings.only || settings.only.includes(pair.name));
  const results: PairResult[] = [];
  for (const pair of pairs) results.push(await measurePair(pair, settings, limits));
  process.stdout.write(renderReport(results, settings, header));
  const heavy = BENCH_PAIRS.find((p) => p.name === "next");
  const small = BENCH_PAIRS.find((p) => p.name === "react");
  if (settings.serverUrl && heavy && small) {
    console.error("responsiveness: polling /healthz and a cached diff while next computes…");
    const result = await measureResponsiveness(settings.serverUrl, heavy, small, { capS: settings.httpCapS });
    process.stdout.write(`\n### Responsiveness while a huge diff computes\n\n${responsivenessTable(result)}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
