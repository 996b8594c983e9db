/**
 * Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, close
 * idle keep-alive connections, let in-flight requests finish, exit 0; after
 * `timeoutMs` close what is left and exit 1. A request that arrives on a
 * kept-alive connection meanwhile is served, then its connection ends.
 */
import { describeError, msSince } from "./log.mjs";

/**
 * @typedef {object} ShutdownOptions
 * @property {import("node:http").Server} server
 * @property {number} timeoutMs
 * @property {(record: Record<string, unknown>) => void} log `shutdown-start`
 * @property {(record: Record<string, unknown>) => void} logError `shutdown-cleanup-failed`
 * @property {(code: number, record: Record<string, unknown>) => void} exit writes `shutdown-end` and ends the process
 * @property {() => Promise<unknown> | unknown} [cleanup] the app's own (Next's pending after() callbacks)
 * @property {(run: () => void, ms: number) => unknown} [setTimer] the deadline's clock (tests drive it)
 * @property {(timer: unknown) => void} [clearTimer]
 */

export class GracefulShutdown {
  /** @param {ShutdownOptions} options */
  constructor(options) {
    this.options = options;
    /** Responses not yet closed. @type {Set<import("node:http").ServerResponse>} */
    this.inFlight = new Set();
    this.started = false;
  }

  /**
   * Counts `res` in flight until it closes.
   *
   * @param {import("node:http").ServerResponse} res
   */
  track(res) {
    this.inFlight.add(res);
    if (this.started) res.setHeader("connection", "close");
    res.setMaxListeners(res.getMaxListeners() + 1);
    res.once("close", () => {
      this.inFlight.delete(res);
      // The finished response's connection is idle now: close it rather than keep it alive.
      if (this.started) setImmediate(() => this.options.server.closeIdleConnections());
    });
  }

  /** @param {string} signal */
  start(signal) {
    if (this.started) return; // repeated signals (Ctrl+C reaches npm and us) change nothing
    this.started = true;
    const { server, timeoutMs, log, logError, exit, cleanup } = this.options;
    const { setTimer = setTimeout, clearTimer = (/** @type {any} */ t) => clearTimeout(t) } = this.options;
    const startedAt = process.hrtime.bigint();
    let ended = false;
    // The deadline and the drain can both come due (the forced close ends the last connections): the first one exits.
    const end = (/** @type {number} */ code, /** @type {Record<string, unknown>} */ record) => {
      if (ended) return;
      ended = true;
      exit(code, record);
    };
    log({ event: "shutdown-start", signal, inFlight: this.inFlight.size, timeoutMs });
    for (const res of this.inFlight) {
      if (!res.headersSent) res.setHeader("connection", "close");
    }

    const timer = setTimer(() => {
      const remaining = this.inFlight.size;
      server.closeAllConnections();
      end(1, { event: "shutdown-end", signal, inFlight: remaining, forced: true, durationMs: msSince(startedAt), exitCode: 1 });
    }, timeoutMs);

    // Stops listening (new connections are refused) and closes idle connections;
    // the callback runs once every connection has ended.
    server.close(async () => {
      if (ended) return; // forced: the process is on its way out
      try {
        await cleanup?.();
      } catch (error) {
        logError({ event: "shutdown-cleanup-failed", message: describeError(error) });
      }
      clearTimer(timer);
      end(0, { event: "shutdown-end", signal, inFlight: this.inFlight.size, forced: false, durationMs: msSince(startedAt), exitCode: 0 });
    });
    server.closeIdleConnections();
  }
}
