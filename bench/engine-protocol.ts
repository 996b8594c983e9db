/**
 * The hand-off between bench/engine.ts (parent) and bench/engine-once.ts
 * (child): limits go down as a JSON argument, the result comes back as one
 * JSON line on stdout.
 */

/** The service's limits (lib/config.mjs) as the engine functions take them. */
export interface EngineLimits {
  maxTarballBytes: number;
  maxUnpackedBytes: number;
  maxEntries: number;
  maxFileBytes: number;
  budgetMs: number;
}

/** What one engine run in a child process reports (printed as one JSON line). */
export interface EngineResult {
  /** Read both .tgz files + unpack both + diff + serialize the patch, in ms. */
  ms: number;
  /** Reading both files from disk and readTarball on both. */
  unpackMs: number;
  diffMs: number;
  patchMs: number;
  /** The review summary of the same diff (not in `ms`: reported beside it). */
  reviewMs: number;
  /** The same pipeline again in the same process (JIT warm); absent when not asked for. */
  warmMs: number | undefined;
  /** The review summary in those warm runs (beside warmMs, as reviewMs is beside ms). */
  warmReviewMs: number | undefined;
  /** Peak RSS of the child, taken after the first (cold) run, in MB. */
  maxRssMb: number;
  files: number;
  additions: number;
  deletions: number;
  patchBytes: number;
}

/** A JSON object's fields, and a getter that insists on a number. */
function numbersOf(json: string): { num: (key: string) => number; get: (key: string) => unknown } {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== "object" || parsed === null) throw new Error(`not a JSON object: ${json.slice(0, 200)}`);
  const record = new Map(Object.entries(parsed));
  const num = (key: string): number => {
    const value = record.get(key);
    if (typeof value !== "number") throw new Error(`no number "${key}" in ${json.slice(0, 200)}`);
    return value;
  };
  return { num, get: (key) => record.get(key) };
}

export function parseEngineLimits(json: string): EngineLimits {
  const { num } = numbersOf(json);
  return {
    maxTarballBytes: num("maxTarballBytes"),
    maxUnpackedBytes: num("maxUnpackedBytes"),
    maxEntries: num("maxEntries"),
    maxFileBytes: num("maxFileBytes"),
    budgetMs: num("budgetMs"),
  };
}

/** Parses the child's last stdout line; the child is our code, but a crash can print anything. */
export function parseEngineResult(text: string): EngineResult {
  const line = text.trim().split("\n").pop() ?? "";
  const { num, get } = numbersOf(line);
  const optional = (key: string) => {
    const value = get(key);
    return typeof value === "number" ? value : undefined;
  };
  return {
    ms: num("ms"),
    unpackMs: num("unpackMs"),
    diffMs: num("diffMs"),
    patchMs: num("patchMs"),
    reviewMs: num("reviewMs"),
    warmMs: optional("warmMs"),
    warmReviewMs: optional("warmReviewMs"),
    maxRssMb: num("maxRssMb"),
    files: num("files"),
    additions: num("additions"),
    deletions: num("deletions"),
    patchBytes: num("patchBytes"),
  };
}
