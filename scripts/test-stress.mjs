#!/usr/bin/env node
/**
 * `npm run test:stress`: the unit and browser suites on a machine kept busy,
 * so a test that orders events by time (and passes only when the machine is
 * idle) fails here rather than on someone else's loaded laptop or CI.
 *
 * It saturates every core with a bounded background load (a busy-loop child
 * per core, or Debian's stress-ng when it is installed), runs `npx vitest run`
 * and/or `npx playwright test` under it N times in a row, prints one line per
 * run and stops at the first failure with that suite's exit code.
 *
 *   node scripts/test-stress.mjs [--runs 3] [--only unit|e2e] [--burners <cores>]
 *                                [--load auto|node|stress-ng] [--max-load-s 3600]
 *
 * The load can never outlive the run: it is ended when the run ends (also on
 * Ctrl-C), each burner exits by itself after --max-load-s, and a node burner
 * exits as soon as this process is gone (its IPC channel closes).
 */
import { fork, spawn, spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), "..");

/** A busy-loop child: spins in 50 ms slices, yielding between them so it notices its parent leaving. */
function burn(untilMs) {
  process.on("disconnect", () => process.exit(0));
  const slice = () => {
    const end = Date.now() + 50;
    while (Date.now() < end) {
      // spin: this is the load
    }
    if (Date.now() >= untilMs) process.exit(0);
    setImmediate(slice);
  };
  slice();
}

function parseArgs(args) {
  const options = { runs: 3, only: undefined, burners: availableParallelism(), load: "auto", maxLoadS: 3600 };
  const value = (i) => {
    if (args[i + 1] === undefined) usage(`${args[i]} needs a value`);
    return args[i + 1];
  };
  const count = (text, name) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) usage(`${name} must be a whole number, got ${JSON.stringify(text)}`);
    return n;
  };
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    if (flag === "--runs") options.runs = Math.max(1, count(value(i), flag));
    else if (flag === "--only") options.only = value(i);
    else if (flag === "--burners") options.burners = count(value(i), flag);
    else if (flag === "--load") options.load = value(i);
    else if (flag === "--max-load-s") options.maxLoadS = Math.max(1, count(value(i), flag));
    else if (flag === "--help" || flag === "-h") usage();
    else usage(`unknown option ${JSON.stringify(flag)}`);
  }
  if (options.only !== undefined && options.only !== "unit" && options.only !== "e2e") usage("--only is unit or e2e");
  if (!["auto", "node", "stress-ng"].includes(options.load)) usage("--load is auto, node or stress-ng");
  return options;
}

function usage(problem) {
  if (problem) console.error(`test-stress: ${problem}`);
  console.error("usage: node scripts/test-stress.mjs [--runs N] [--only unit|e2e] [--burners N] [--load auto|node|stress-ng] [--max-load-s S]");
  process.exit(problem ? 2 : 0);
}

const SUITES = {
  unit: { command: "npx", args: ["vitest", "run"], count: countVitest },
  // No retries here even when CI is set: a test that passes on its second try is what this looks for.
  e2e: { command: "npx", args: ["playwright", "test", "--retries=0"], count: countPlaywright },
};

/** The suite in progress, ended with the run on Ctrl-C. */
let running;

async function main(options) {
  const suites = options.only ? [options.only] : ["unit", "e2e"];
  const logDir = path.join(ROOT, ".cache", "stress");
  await mkdir(logDir, { recursive: true });
  const load = startLoad(options);
  const stop = () => {
    load.stop();
    running?.stop();
  };
  process.once("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  console.log(`test-stress: ${load.describe}; ${options.runs} run(s) of ${suites.join(" + ")}; logs in ${path.relative(ROOT, logDir)}/`);

  let failed = 0;
  outer: for (let run = 1; run <= options.runs; run += 1) {
    for (const suite of suites) {
      const log = path.join(logDir, `run-${run}-${suite}.log`);
      running = runSuite(SUITES[suite], log);
      const result = await running.done;
      running = undefined;
      const counts = SUITES[suite].count(result.output);
      const verdict = result.code === 0 ? "pass" : `FAIL (exit ${result.code})`;
      console.log(
        `run ${run}/${options.runs} ${suite.padEnd(4)} ${verdict}: ${counts}, ${(result.ms / 1000).toFixed(1)} s, ` +
          `load average ${result.load.mean.toFixed(1)} (max ${result.load.max.toFixed(1)})`,
      );
      if (result.code !== 0) {
        console.log(`--- last lines of ${path.relative(ROOT, log)} ---\n${tail(result.output, 60)}`);
        failed = result.code;
        break outer;
      }
    }
  }
  stop();
  process.exit(failed);
}

/** Starts the background load; `stop()` ends it (idempotent). */
function startLoad({ burners, load, maxLoadS }) {
  if (burners === 0) return { describe: "no background load", stop: () => undefined };
  const useStressNg = load === "stress-ng" || (load === "auto" && spawnSync("stress-ng", ["--version"], { stdio: "ignore" }).status === 0);
  if (useStressNg) {
    // stress-ng ends its workers on SIGTERM and by itself after --timeout.
    const child = spawn("stress-ng", ["--cpu", String(burners), "--timeout", `${maxLoadS}s`, "--quiet"], { stdio: "ignore" });
    child.on("error", (error) => {
      console.error(`test-stress: stress-ng failed to start: ${error.message}`);
      process.exit(2);
    });
    return { describe: `stress-ng --cpu ${burners} (at most ${maxLoadS} s)`, stop: () => child.exitCode === null && child.kill("SIGTERM") };
  }
  const until = Date.now() + maxLoadS * 1000;
  const children = Array.from({ length: burners }, () => fork(SELF, ["--burn", String(until)], { stdio: ["ignore", "ignore", "ignore", "ipc"] }));
  return {
    describe: `${burners} busy-loop process(es) (at most ${maxLoadS} s)`,
    stop: () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/**
 * Runs one suite to completion (`done`), its output to `log`, sampling the load average
 * every 2 s. The suite gets its own process group, so `stop()` ends npx and everything
 * it started (browsers, servers, Vitest's workers) at once.
 */
function runSuite(suite, log) {
  const started = Date.now();
  const samples = [];
  const sample = () => samples.push(loadavg()[0]);
  const sampler = setInterval(sample, 2_000);
  const file = createWriteStream(log);
  let output = "";
  const child = spawn(suite.command, suite.args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const done = new Promise((resolve) => {
    const keep = (chunk) => {
      output += chunk;
      file.write(chunk);
    };
    child.stdout.setEncoding("utf8").on("data", keep);
    child.stderr.setEncoding("utf8").on("data", keep);
    child.on("error", (error) => keep(`\ntest-stress: could not start ${suite.command}: ${error.message}\n`));
    child.on("close", (code, signal) => {
      clearInterval(sampler);
      sample();
      file.end();
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      resolve({ code: code ?? (signal ? 1 : 0), output, ms: Date.now() - started, load: { mean, max: Math.max(...samples) } });
    });
  });
  return { done, stop };
}

// Colour codes, in case a tool ignores NO_COLOR (built from the ESC code: lint forbids it in a literal).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** "812 passed" or "3 failed, 809 passed", from Vitest's summary line. */
function countVitest(output) {
  const line = output.replace(ANSI, "").match(/^\s*Tests\s+(.+?)\s*\(\d+\)\s*$/m);
  return line ? line[1].replace(/\s*\|\s*/g, ", ") : "no summary";
}

/** "80 passed" or "2 failed, 1 flaky, 77 passed", from Playwright's list reporter. */
function countPlaywright(output) {
  const text = output.replace(ANSI, "");
  const parts = [];
  for (const word of ["failed", "flaky", "skipped", "did not run", "passed"]) {
    const match = text.match(new RegExp(`^\\s*(\\d+) ${word}\\b`, "m"));
    if (match) parts.push(`${match[1]} ${word}`);
  }
  return parts.length > 0 ? parts.join(", ") : "no summary";
}

function tail(text, lines) {
  return text.replace(ANSI, "").trimEnd().split("\n").slice(-lines).join("\n");
}

// Last, so every constant above is initialised before it runs.
if (process.argv[2] === "--burn") burn(Number(process.argv[3]));
else await main(parseArgs(process.argv.slice(2)));
