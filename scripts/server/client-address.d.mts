// Types of scripts/server/client-address.mjs (plain JS, so the server runs without a build step).
import type { IncomingMessage } from "node:http";

export declare const CLIENT_HEADER: "x-pkgdiff-client";
export declare function normaliseIp(address: string): string;
export declare function parseForwardedAddress(token: string): string | null;
export declare function clientAddress(req: IncomingMessage, trustProxy: number): string;
export declare function setClientHeader(req: IncomingMessage, client: string): void;
