// Types of lib/shared/keys.mjs (plain JS, so scripts/read-only.mjs runs without a build step).
export declare const PREFIX: string;
export declare const READ_ONLY_KEY: string;
export declare const READ_ONLY_CHANNEL: string;

interface FlagClient {
  multi(): {
    set(key: string, value: string): unknown;
    del(key: string): unknown;
    publish(channel: string, message: string): unknown;
    exec(): Promise<unknown>;
  };
}
export declare function setReadOnlyFlag(client: FlagClient, on: boolean): Promise<void>;
