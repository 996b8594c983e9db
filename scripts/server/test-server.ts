import { request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createPkgdiffServer } from "./create-server.mjs";

/** What the server under test wrote, and how it ended. */
export interface TestServer {
  url: string;
  port: number;
  /** stdout lines (request, shutdown-start). */
  lines: Record<string, unknown>[];
  errors: Record<string, unknown>[];
  /** The next stdout line with this `event` written after the call. */
  nextLine(event: string): Promise<Record<string, unknown>>;
  /** Resolves with the exit code and the last line once the server would have exited. */
  exited: Promise<{ code: number; record: Record<string, unknown> }>;
  /** Every exit asked for (there should be one). */
  exits: number[];
  server: ReturnType<typeof createPkgdiffServer>["server"];
  shutdown: ReturnType<typeof createPkgdiffServer>["shutdown"];
  /** Fires the shutdown deadline now, as if `shutdownTimeoutMs` had passed (the clock is the test's). */
  fireDeadline(): void;
  deadlineMs(): number | undefined;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

/**
 * scripts/server/create-server.mjs on 127.0.0.1 and a free port, around a
 * plain handler instead of Next; its log lines and exit are captured, and its
 * shutdown deadline runs on a clock the test fires.
 */
export async function startTestServer(
  handle: Handler,
  settings: Partial<{ logRequests: boolean; trustProxy: number; shutdownTimeoutMs: number; responseCacheBytes: number }> = {},
  cleanup?: () => Promise<unknown>,
): Promise<TestServer> {
  const exits: number[] = [];
  const lines: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  const waiting: { event: string; resolve: (record: Record<string, unknown>) => void }[] = [];
  let deadline: { run: () => void; ms: number } | undefined;
  let exit!: (value: { code: number; record: Record<string, unknown> }) => void;
  const exited = new Promise<{ code: number; record: Record<string, unknown> }>((resolve) => (exit = resolve));
  const { server, shutdown } = createPkgdiffServer({
    handle,
    settings: { logRequests: true, trustProxy: 0, shutdownTimeoutMs: 10_000, responseCacheBytes: 0, ...settings },
    log: (record) => {
      lines.push(record);
      const i = waiting.findIndex((w) => w.event === record.event);
      if (i >= 0) waiting.splice(i, 1)[0]!.resolve(record);
    },
    logError: (record) => errors.push(record),
    exit: (code, record) => {
      exits.push(code);
      exit({ code, record });
    },
    cleanup,
    setTimer: (run, ms) => {
      deadline = { run, ms };
      return deadline;
    },
    clearTimer: (timer) => {
      if (timer === deadline) deadline = undefined;
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    lines,
    errors,
    nextLine: (event) => new Promise((resolve) => waiting.push({ event, resolve })),
    exited,
    exits,
    server,
    shutdown,
    fireDeadline: () => {
      if (!deadline) throw new Error("no shutdown deadline is pending");
      deadline.run();
    },
    deadlineMs: () => deadline?.ms,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}

/** A gate the test opens: the handler awaits `wait`, the test calls `open()`. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** A GET on its own connection; resolves with status, headers and body. */
export function get(
  url: string,
  headers: Record<string, string> = {},
  agent: false | import("node:http").Agent = false,
): Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
