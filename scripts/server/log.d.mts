// Types of scripts/server/log.mjs (plain JS, so the server runs without a build step).
type LogRecord = Record<string, unknown>;

export declare function jsonLine(record: LogRecord): string;
export declare function log(record: LogRecord): void;
export declare function logError(record: LogRecord): void;
export declare function exitWith(code: number, record: LogRecord): void;
export declare function msSince(start: bigint): number;
export declare function describeError(error: unknown): string;
