import { type ChildProcessByStdio, spawn } from "node:child_process";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";

/**
 * A `node scripts/server.mjs` child for the browser suite's process-level
 * tests (operations, cluster): on 127.0.0.1, a port of the system's choosing
 * (PORT=0) read from its `ready` line, serving the build the webServer made;
 * its stdout is read as JSON log lines.
 */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const HOST = "127.0.0.1";
/** Generous: the machine may be busy with the other e2e workers. */
export const WAIT = { timeout: 30_000 };

export type LogRecord = Record<string, unknown> & { event?: string };

/** A `node scripts/server.mjs` child: its stdout parsed as JSON lines, stderr kept for failure messages. */
export class ServerProcess {
  readonly records: LogRecord[] = [];
  /** stdout lines that are not JSON objects (there should be none). */
  readonly otherLines: string[] = [];
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["scripts/server.mjs"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: "0",
        HOSTNAME: HOST,
        SEARCH_INDEX_FILE: "fixtures/search-index.txt",
        LOG_REQUESTS: "1",
        TRUST_PROXY: "0",
        SHUTDOWN_TIMEOUT_MS: "30000",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
    let pending = "";
    this.child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        try {
          const record: unknown = JSON.parse(line);
          if (record && typeof record === "object" && !Array.isArray(record)) this.records.push(record as LogRecord);
          else this.otherLines.push(line);
        } catch {
          this.otherLines.push(line);
        }
      }
    });
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
    });
  }

  /** The port it listens on, from its `ready` line. */
  get port(): number {
    const ready = this.records.find((r) => r.event === "ready");
    if (typeof ready?.port !== "number") throw new Error("the server is not ready");
    return ready.port;
  }

  /** A GET on its own connection (no keep-alive pool), so every request is a new connection. */
  get(pathWithQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
    return get(this.port, pathWithQuery, headers);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  async ready(): Promise<void> {
    await expect
      .poll(() => {
        if (!this.running) throw new Error(`server exited before it was ready; stderr:\n${this.stderr}`);
        return this.records.some((r) => r.event === "ready");
      }, WAIT)
      .toBe(true);
  }

  /** The first log record that matches, once it is there. */
  async record(match: (record: LogRecord) => boolean): Promise<LogRecord> {
    await expect.poll(() => this.records.some(match), WAIT).toBe(true);
    return this.records.find(match)!;
  }

  requestRecord(pathWithQuery: string): Promise<LogRecord> {
    return this.record((r) => r.event === "request" && r.path === pathWithQuery);
  }

  /** Ends it however it is, for the after hooks (our own child, by its handle). */
  async stop(): Promise<void> {
    if (this.running) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function get(port: number, pathWithQuery: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`http://${HOST}:${port}${pathWithQuery}`, { agent: false, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

