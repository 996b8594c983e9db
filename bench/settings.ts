/** The bench's knobs, read once from the environment (documented in the README's bench section). */
export interface BenchSettings {
  /** Measurements per tool and pair; the table shows the median. */
  runs: number;
  /** `npm diff` is killed after this many seconds and reported as "> cap". */
  npmDiffCapS: number;
  skipNpmDiff: boolean;
  /** Base URL of a running pkgdiff (`npm start`); the HTTP section is skipped without it. */
  serverUrl: string | undefined;
  /** One HTTP request is abandoned after this many seconds, so a slow page cannot stall the bench. */
  httpCapS: number;
  /** Only the pairs whose package name is listed (comma-separated); all when unset. */
  only: string[] | undefined;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const only = env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
  return {
    runs: Math.round(positiveNumber(env, "BENCH_RUNS", 3)),
    npmDiffCapS: positiveNumber(env, "BENCH_NPM_DIFF_CAP_S", 60),
    skipNpmDiff: env.BENCH_SKIP_NPM_DIFF === "1",
    serverUrl: env.BENCH_SERVER_URL ? env.BENCH_SERVER_URL.replace(/\/+$/, "") : undefined,
    httpCapS: positiveNumber(env, "BENCH_HTTP_CAP_S", 120),
    only: only && only.length > 0 ? only : undefined,
  };
}
