import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { getRequest, withAppEnv } from "../../lib/testing/app-env";
import { WARM_UP_HEADER, warmUpToken } from "../../lib/readiness/warm-up-token";
import { GET } from "./route";

withAppEnv();

// Each ecosystem's diff route: npm's unprefixed, Hex's under /hex.
const PAGES = ["/hex/diff/warm_up/1.0.0..1.1.0", "/diff/warm_up/1.0.0..1.1.0"];

// Stands in for the server itself: records what the warm-up asks it for.
const asked: { url?: string; headers: IncomingHttpHeaders }[] = [];
const self = createServer((request, response) => {
  asked.push({ url: request.url, headers: request.headers });
  response.writeHead(PAGES.includes(request.url ?? "") ? 200 : 404).end("<!doctype html>");
});
afterAll(() => new Promise<void>((resolve) => self.close(() => resolve())));

describe("GET /readyz under scripts/server.mjs", () => {
  it("renders a warm-up diff page through each ecosystem's route, with this process's token, before it is ready", async () => {
    await new Promise<void>((resolve) => self.listen(0, "127.0.0.1", resolve));
    // What scripts/server.mjs records once it listens.
    (globalThis as Record<symbol, unknown>)[Symbol.for("pkgdiff.serverOrigin")] = `http://127.0.0.1:${(self.address() as AddressInfo).port}`;
    const response = await GET(getRequest("/readyz?wait=1"));
    expect(response.status).toBe(200);
    const { steps } = (await response.json()) as { steps: { name: string; error?: string }[] };
    expect(steps.at(-1)).toEqual({ name: "a diff page rendered per ecosystem", ms: expect.any(Number) });
    expect(asked.map((a) => a.url)).toEqual(PAGES);
    for (const { headers } of asked) expect(headers[WARM_UP_HEADER]).toBe(warmUpToken());
  });
});
