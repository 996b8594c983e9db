import { spawn } from "node:child_process";
import { existsSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where stdout goes: a file path, "capture" to return it, or discarded (default). */
  stdout?: string | "capture";
  /** Kill the whole process group after this many ms and report `timedOut`. */
  capMs?: number;
  /** Exit codes that mean success (`git diff --no-index` exits 1 when the trees differ). */
  okCodes?: readonly number[];
  /** Wrap the command in GNU time to learn its peak RSS; ignored where it is not installed. */
  measureRss?: boolean;
}

export interface RunResult {
  ms: number;
  code: number | null;
  timedOut: boolean;
  stdout: string;
  /** Peak resident set of the command (largest process of its tree, as GNU time reports), in MB. */
  maxRssMb: number | undefined;
}

const GNU_TIME = "/usr/bin/time";
const STDERR_TAIL_CHARS = 4_000;

/** Thrown when a command exits with a code not in `okCodes`. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`${command} exited with ${code}: ${stderr.trim().slice(-STDERR_TAIL_CHARS)}`);
    this.name = "CommandError";
  }
}

/**
 * Runs a command and measures its wall time, from spawn to exit. It gets a
 * process group of its own so that a cap kills everything it started (npm
 * spawns helpers), not just the direct child.
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const rssFile = options.measureRss && existsSync(GNU_TIME) ? tempFile("rss") : undefined;
  const [file, argv] = rssFile
    ? [GNU_TIME, ["-f", "%M", "-o", rssFile, command, ...args]]
    : [command, [...args]];
  const stdoutFd =
    options.stdout !== undefined && options.stdout !== "capture" ? openSync(options.stdout, "w") : undefined;

  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", stdoutFd ?? (options.stdout === "capture" ? "pipe" : "ignore"), "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => {
      err = (err + chunk.toString("utf8")).slice(-STDERR_TAIL_CHARS);
    });

    let timedOut = false;
    const timer =
      options.capMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup(child.pid);
          }, options.capMs);

    child.on("error", (error) => {
      if (timer) clearTimeout(timer);
      if (stdoutFd !== undefined) closeSync(stdoutFd);
      reject(error);
    });
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (timer) clearTimeout(timer);
      if (stdoutFd !== undefined) closeSync(stdoutFd);
      const maxRssMb = rssFile ? readRssMb(rssFile) : undefined;
      const shown = [command, ...args].join(" ");
      if (!timedOut && !(options.okCodes ?? [0]).includes(code ?? -1)) {
        reject(new CommandError(shown, code, err));
        return;
      }
      resolve({ ms, code, timedOut, stdout: Buffer.concat(out).toString("utf8"), maxRssMb });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone: nothing left to stop.
  }
}

let tempCount = 0;
function tempFile(tag: string): string {
  tempCount++;
  return path.join(tmpdir(), `pkgdiff-bench-${process.pid}-${tempCount}.${tag}`);
}

/** GNU time writes "%M" (KiB) on its last line; any "Command exited with..." line comes first. */
function readRssMb(file: string): number | undefined {
  try {
    const lines = readFileSync(file, "utf8").trim().split("\n");
    const kib = Number(lines[lines.length - 1]);
    return Number.isFinite(kib) ? kib / 1024 : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
}
