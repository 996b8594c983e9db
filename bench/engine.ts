import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../lib/config.mjs";
import { type EngineLimits, type EngineResult, parseEngineResult } from "./engine-protocol";
import { runCommand } from "./proc";

const ENGINE_ONCE = path.join(path.dirname(fileURLToPath(import.meta.url)), "engine-once.ts");
/** Far above any pair's time; only here so that an engine that hangs fails the row instead of the bench. */
const ENGINE_CAP_MS = 10 * 60 * 1000;

/** The limits the service would use, env overrides included, so the bench diffs what a user gets. */
export function serviceLimits(): EngineLimits {
  const { limits } = loadConfig();
  return {
    maxTarballBytes: limits.maxTarballBytes,
    maxUnpackedBytes: limits.maxUnpackedBytes,
    maxEntries: limits.maxEntries,
    maxFileBytes: limits.maxDiffFileBytes,
    budgetMs: limits.diffFileBudgetMs,
  };
}

/** Runs the engine once in a fresh node process; writes the patch to `patchOut` when given. */
export async function runEngineOnce(
  oldTgz: string,
  newTgz: string,
  limits: EngineLimits,
  options: { patchOut?: string; warm?: boolean } = {},
): Promise<EngineResult> {
  const args = ["--import", "tsx", ENGINE_ONCE, oldTgz, newTgz, JSON.stringify(limits)];
  if (options.patchOut) args.push("--patch-out", options.patchOut);
  if (options.warm) args.push("--warm");
  const run = await runCommand(process.execPath, args, { stdout: "capture", capMs: ENGINE_CAP_MS });
  if (run.timedOut) throw new Error(`no result after ${ENGINE_CAP_MS / 1000} s (killed)`);
  return parseEngineResult(run.stdout);
}
