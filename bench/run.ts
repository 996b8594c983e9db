/**
 * `npm run bench`: pkgdiff's engine against git and npm diff on real
 * package upgrades (issue 3), then load figures of a production server
 * (issue 7, bench/load.ts) and of the `.patch` path (issue 15,
 * bench/patch-path.ts) and of a fresh server (bench/first-page.ts), then shared mode and Varnish (issue 14,
 * bench/cluster.ts). `npm run bench -- load` (or `-- engine`, `-- patch`,
 * `-- start`, `-- cluster`) runs one section. Progress goes to stderr, the Markdown report to stdout, so
 * `npm run bench > bench.md` keeps only the report. A section that fails
 * its check exits non-zero. Knobs: see bench/settings.ts and bench/load.ts.
 */
import { runClusterSection } from "./cluster";
import { serviceLimits } from "./engine";
import { runLoadSection } from "./load";
import { type PairResult, measurePair } from "./measure-pair";
import { BENCH_PAIRS } from "./pairs";
import { runStartSection } from "./first-page";
import { runPatchSection } from "./patch-path";
import { machineHeader, renderReport } from "./report";
import { measureResponsiveness, responsivenessTable } from "./responsiveness";
import { readSettings } from "./settings";

const SECTIONS = ["engine", "load", "patch", "start", "cluster"] as const;
type Section = (typeof SECTIONS)[number];

/** Sections named on the command line (`npm run bench -- load`); all when none is. */
function chosenSections(args: readonly string[]): Section[] {
  if (args.length === 0) return [...SECTIONS];
  for (const arg of args) {
    if (!(SECTIONS as readonly string[]).includes(arg)) throw new Error(`unknown bench section ${JSON.stringify(arg)}; sections: ${SECTIONS.join(", ")}`);
  }
  return SECTIONS.filter((section) => args.includes(section));
}

async function main(): Promise<void> {
  const sections = chosenSections(process.argv.slice(2));
  if (sections.includes("engine")) await engineSection();
  if (sections.includes("load") && !(await runLoadSection())) process.exitCode = 1;
  if (sections.includes("patch") && !(await runPatchSection())) process.exitCode = 1;
  if (sections.includes("start") && !(await runStartSection())) process.exitCode = 1;
  if (sections.includes("cluster") && !(await runClusterSection())) process.exitCode = 1;
}

async function engineSection(): Promise<void> {
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
