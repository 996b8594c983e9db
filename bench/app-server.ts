import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand } from "./proc";

/** The repository this bench file lives in: its `.next` and `dist/` are the build that is served. */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface AppServer {
  /** Base URL without a trailing slash, always on 127.0.0.1. */
  url: string;
  /** Process id of `node scripts/start.mjs`, also its process group (everything it starts). */
  pid: number;
  /** CPU time (user + system, all threads) used so far by every live process of the server's group. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface AppServerOptions {
  port: number;
  /** Added to the environment (REGISTRY_URL, CACHE_DIR, ...). */
  env: Record<string, string>;
  /** How long to wait for `/healthz`; default 60 s. */
  readyTimeoutMs?: number;
}

/** `npm run build` when the checkout has no production build yet (about a minute on 2 cores). */
export async function ensureProductionBuild(root = APP_ROOT): Promise<void> {
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(path.join(root, "dist", "workers", "engine-worker.mjs"))) return;
  console.error(`no production build in ${root}: running npm run build…`);
  await runCommand("npm", ["run", "build"], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

/**
 * Starts the production server the way `npm start` does (`node
 * scripts/start.mjs`, PORT from the environment) on loopback and waits
 * until `/healthz` answers. It runs in a process group of its own, so
 * `stop()` ends the server and whatever it started, and nothing else.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const child = spawn(process.execPath, [path.join(APP_ROOT, "scripts", "start.mjs")], {
    cwd: APP_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env, PORT: String(options.port), HOSTNAME: "127.0.0.1" },
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start scripts/start.mjs");
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const server: AppServer = {
    url,
    pid,
    cpuMs: () => groupCpuMs(pid),
    stop: () => stopGroup(child, exited),
  };
  try {
    await waitForHealthz(url, child, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr.trim()}`);
  }
  return server;
}

async function waitForHealthz(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/** SIGTERM to the server's own process group, SIGKILL after 5 s if it is still there. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  // start.mjs exits when next does; anything of the group still alive goes now.
  signal("SIGKILL");
}

const CLOCK_TICKS_PER_S = 100; // USER_HZ: 100 on every Linux the project runs on (`getconf CLK_TCK`).

interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  /** utime + stime, all threads, in clock ticks. */
  ticks: number;
}

/** Every live process's ids and CPU ticks, from /proc/<pid>/stat; undefined where there is no /proc. */
function procStats(): ProcStat[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  const stats: ProcStat[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    stats.push({ pid: Number(entry), ppid: Number(fields[1]), pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  return stats;
}

const ticksToMs = (stats: readonly ProcStat[]) => (stats.reduce((sum, s) => sum + s.ticks, 0) * 1000) / CLOCK_TICKS_PER_S;

/**
 * CPU of every live process whose process group is `pgid` (utime + stime
 * include all threads: the worker pool too). Linux only; NaN elsewhere.
 */
export function groupCpuMs(pgid: number): number {
  const stats = procStats();
  return stats ? ticksToMs(stats.filter((s) => s.pgrp === pgid)) : Number.NaN;
}

/** CPU of live process `pid` and all its descendants (varnishd and its cache child). Linux only; NaN elsewhere. */
export function treeCpuMs(pid: number): number {
  const stats = procStats();
  if (!stats) return Number.NaN;
  const inTree = new Set([pid]);
  // Parents have lower pids almost always, but not after wrap-around: repeat until nothing joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) {
      if (inTree.has(s.ppid) && !inTree.has(s.pid)) {
        inTree.add(s.pid);
        grew = true;
      }
    }
  }
  return ticksToMs(stats.filter((s) => inTree.has(s.pid)));
}

/** Waits until the server's warm-up is done (`/readyz?wait=1`); throws unless it answers 200. */
export async function waitForReady(server: AppServer): Promise<void> {
  const response = await fetch(`${server.url}/readyz?wait=1`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${server.url}/readyz answered ${response.status}`);
}
