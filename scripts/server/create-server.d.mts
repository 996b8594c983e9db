// Types of scripts/server/create-server.mjs (plain JS, so the server runs without a build step).
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { ServerConfig } from "../../lib/config.mjs";
import type { GracefulShutdown, ShutdownOptions } from "./shutdown.mjs";

export interface PkgdiffServerOptions extends Pick<ShutdownOptions, "log" | "logError" | "exit" | "cleanup" | "setTimer" | "clearTimer"> {
  /** The app. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  settings: Pick<ServerConfig, "logRequests" | "trustProxy" | "shutdownTimeoutMs" | "responseCacheBytes">;
}

export declare function createPkgdiffServer(options: PkgdiffServerOptions): { server: Server; shutdown: GracefulShutdown };
