import type { FileDiff } from "../diff/types";
import { type PoolTask, poolTask } from "../workers/task";
import { type EntryPair, type ScanFilesInput, type ScannedBatch, unpackFile } from "../workers/worker-tasks";
import { type RiskyScanResult, type ScannedSides, scanRiskyCode } from "./risky-scan";
import type { EcosystemRules } from "./rules";

/**
 * The review's per-file scan of one ecosystem's rules (`scanRiskyCode`) as
 * a pool task: in the workers, in parallel, instead of on the event loop
 * after the whole diff (typescript 5.4.5→5.5.2's summary held it 230 ms).
 * diffTreesPooled() queues each batch's scan behind the diff's remaining
 * line diffs, so every file is diffed (and a `.patch` can start) before
 * any is scanned. Each ecosystem lists its own in its worker-tasks.ts
 * (`Ecosystem.scanFiles`).
 *
 * @example
 * export const npmScanFilesTask = scanFilesTask("npm.scanFiles", NPM_REVIEW);
 */
export function scanFilesTask(id: string, rules: EcosystemRules): PoolTask<ScanFilesInput, ScannedBatch<RiskyScanResult>> {
  return poolTask(id, ({ files, pairs }: ScanFilesInput): ScannedBatch<RiskyScanResult> => ({
    scans: files.map((packed, i) => {
      const file = unpackFile(packed);
      return scanRiskyCode(rules, file, regularSides(file, pairs[i]!));
    }),
  }));
}

/** The pair's sides as `oldFileOf` and `newFileOf` give them (pairs are by path: no renames yet). */
function regularSides(file: FileDiff, pair: EntryPair): ScannedSides {
  const sides: ScannedSides = {};
  if (file.status !== "added" && pair.old?.kind === "file") sides.old = pair.old;
  if (file.status !== "removed" && pair.new?.kind === "file") sides.new = pair.new;
  return sides;
}
