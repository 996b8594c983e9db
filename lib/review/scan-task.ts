import type { FileDiff } from "../diff/types";
import { type PoolTask, poolTask } from "../workers/task";
import { type DiffFilesInput, type DiffFilesOutput, type EntryPair, diffPairs } from "../workers/worker-tasks";
import { type RiskyScanResult, type ScannedSides, scanRiskyCode } from "./risky-scan";
import type { EcosystemRules } from "./rules";

/**
 * The pool's line-diff task (`diffFilesTask`) with the review's per-file
 * scan of one ecosystem's rules (`scanRiskyCode`) made right after each
 * file's diff, where its lines are: in the workers, in parallel, instead of
 * on the event loop after the whole diff (typescript 5.4.5→5.5.2's summary
 * held it 230 ms). Each ecosystem lists its own in its worker-tasks.ts
 * (`Ecosystem.diffFiles`).
 *
 * @example
 * export const npmDiffFilesTask = diffAndScanTask("npm.diffFiles", NPM_REVIEW);
 */
export function diffAndScanTask(id: string, rules: EcosystemRules): PoolTask<DiffFilesInput, DiffFilesOutput<RiskyScanResult>> {
  return poolTask(id, (input: DiffFilesInput): DiffFilesOutput<RiskyScanResult> => {
    const files = diffPairs(input);
    const scans = files.map((file, i) => (file ? scanRiskyCode(rules, file, regularSides(file, input.pairs[i]!)) : undefined));
    return { files, scans };
  });
}

/** The pair's sides as `oldFileOf` and `newFileOf` give them (pairs are by path: no renames yet). */
function regularSides(file: FileDiff, pair: EntryPair): ScannedSides {
  const sides: ScannedSides = {};
  if (file.status !== "added" && pair.old?.kind === "file") sides.old = pair.old;
  if (file.status !== "removed" && pair.new?.kind === "file") sides.new = pair.new;
  return sides;
}
