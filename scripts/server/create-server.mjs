/**
 * The production server without Next: node:http with a trusted client
 * header, the request log, response replay and graceful shutdown around a
 * request handler (Next's in scripts/server.mjs, a plain one in tests).
 */
import { createServer } from "node:http";
import { clientAddress, setClientHeader } from "./client-address.mjs";
import { describeError } from "./log.mjs";
import { withReplay } from "./replay.mjs";
import { logRequest } from "./request-log.mjs";
import { GracefulShutdown } from "./shutdown.mjs";

/**
 * @typedef {object} PkgdiffServerOptions
 * @property {import("./replay.mjs").Handler} handle the app
 * @property {Pick<import("../../lib/config.d.mts").ServerConfig, "logRequests" | "trustProxy" | "shutdownTimeoutMs" | "responseCacheBytes">} settings
 * @property {(record: Record<string, unknown>) => void} log stdout lines
 * @property {(record: Record<string, unknown>) => void} logError stderr lines
 * @property {(code: number, record: Record<string, unknown>) => void} exit writes the last line and ends the process
 * @property {() => Promise<unknown> | unknown} [cleanup] the app's own, once a shutdown has drained
 * @property {(run: () => void, ms: number) => unknown} [setTimer] the shutdown deadline's clock
 * @property {(timer: unknown) => void} [clearTimer]
 */

/**
 * @param {PkgdiffServerOptions} options
 * @returns {{ server: import("node:http").Server, shutdown: GracefulShutdown }}
 */
export function createPkgdiffServer({ handle, settings, log, logError, exit, cleanup, setTimer, clearTimer }) {
  const app = withReplay(handle, settings.responseCacheBytes);
  const server = createServer((req, res) => {
    const client = clientAddress(req, settings.trustProxy);
    setClientHeader(req, client);
    shutdown.track(res);
    if (settings.logRequests) logRequest(req, res, { client, write: log });
    app(req, res).catch((error) => {
      logError({ event: "request-failed", method: req.method, path: req.url, message: describeError(error) });
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.end("Internal Server Error\n");
      } else {
        res.destroy();
      }
    });
  });
  const shutdown = new GracefulShutdown({ server, timeoutMs: settings.shutdownTimeoutMs, log, logError, exit, cleanup, setTimer, clearTimer });
  return { server, shutdown };
}
