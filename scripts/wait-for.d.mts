export declare function waitFor(check: () => Promise<boolean> | boolean, options: { timeoutMs: number; intervalMs?: number; what?: string }): Promise<void>;
export declare function waitForHttp(url: string, options: { timeoutMs: number }): Promise<void>;
