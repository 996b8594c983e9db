// Types of scripts/server/shutdown.mjs (plain JS, so the server runs without a build step).
import type { Server, ServerResponse } from "node:http";

type LogRecord = Record<string, unknown>;

export interface ShutdownOptions {
  server: Server;
  timeoutMs: number;
  log: (record: LogRecord) => void;
  logError: (record: LogRecord) => void;
  /** Writes `shutdown-end` and ends the process. */
  exit: (code: number, record: LogRecord) => void;
  /** The app's own cleanup, once the connections have drained. */
  cleanup?: () => Promise<unknown> | unknown;
  /** The deadline's clock (tests drive it). */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export declare class GracefulShutdown {
  constructor(options: ShutdownOptions);
  /** Responses not yet closed. */
  readonly inFlight: Set<ServerResponse>;
  readonly started: boolean;
  track(res: ServerResponse): void;
  start(signal: string): void;
}
