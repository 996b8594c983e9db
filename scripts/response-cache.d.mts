// Types of scripts/response-cache.mjs (plain JS, so the server runs without a build step).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare class ResponseCache {
  constructor(options: { maxBytes: number; maxEntryBytes?: number });
  readonly maxBytes: number;
  readonly maxEntryBytes: number;
  /** Bytes held now. */
  readonly bytes: number;
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  capture(req: IncomingMessage, res: ServerResponse, state?: { uncacheable: boolean }): void;
}

/** One response header as sent (or as set so far); undefined when absent. */
export declare function headerOf(res: ServerResponse, name: string): string | undefined;
