import { request, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { jsonLine } from "./log.mjs";
import { gate, get, startTestServer, type TestServer } from "./test-server";

let server: TestServer | undefined;
afterEach(() => server?.close());

/** Sends a GET and destroys it once `when` says so; resolves when the client has given up. */
function abandon(url: string, when: (req: ReturnType<typeof request>) => Promise<void>): Promise<void> {
  const req = request(url, { agent: false });
  req.on("error", () => undefined); // the destroy's own "socket hang up"
  req.end();
  return when(req).then(() => {
    req.destroy();
  });
}

describe("the request log line", () => {
  it("has every field of the documented line", async () => {
    server = await startTestServer(async (_req: IncomingMessage, res: ServerResponse) => {
      res.setHeader("x-pkgdiff-cache", "miss");
      res.write("hello, ");
      res.end(Buffer.from("world"));
    });
    const logged = server.nextLine("request");
    const reply = await get(`${server.url}/diff/demo-pkg/1.1.0..1.2.0?view=split`, { "user-agent": "curl/8.5.0" });
    expect(reply.body).toBe("hello, world");
    const line = await logged;
    expect(line).toEqual({
      event: "request",
      method: "GET",
      path: "/diff/demo-pkg/1.1.0..1.2.0?view=split",
      status: 200,
      durationMs: expect.any(Number),
      bytes: 12,
      cache: "miss",
      client: "127.0.0.1",
      userAgent: "curl/8.5.0",
      aborted: false,
    });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("counts no body for HEAD and 304, and says null for a missing cache header and user agent", async () => {
    server = await startTestServer(async (req: IncomingMessage, res: ServerResponse) => {
      res.statusCode = req.url === "/etag" ? 304 : 200;
      res.end(req.url === "/etag" ? undefined : "body");
    });
    const head = server.nextLine("request");
    await new Promise<void>((resolve, reject) => request(`${server!.url}/x`, { method: "HEAD", agent: false }, (res) => res.resume().on("end", resolve)).on("error", reject).end());
    expect(await head).toMatchObject({ method: "HEAD", status: 200, bytes: 0, cache: null, userAgent: null });
    const notModified = server.nextLine("request");
    await get(`${server.url}/etag`);
    expect(await notModified).toMatchObject({ status: 304, bytes: 0 });
  });

  it("marks a response the client gave up on mid-body: its status, and the bytes as far as they got", async () => {
    const release = gate();
    server = await startTestServer(async (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("partial");
      await release.wait;
      res.end("never sent");
    });
    const logged = server.nextLine("request");
    await abandon(server.url, (req) => new Promise((resolve) => req.on("response", (res) => res.once("data", () => resolve()))));
    expect(await logged).toMatchObject({ status: 200, bytes: 7, aborted: true });
    release.open();
  });

  it("marks a request the client gave up on before any headers with status null", async () => {
    const arrived = gate();
    const release = gate();
    server = await startTestServer(async (_req: IncomingMessage, res: ServerResponse) => {
      arrived.open();
      await release.wait;
      res.end("too late");
    });
    const logged = server.nextLine("request");
    await abandon(server.url, () => arrived.wait);
    expect(await logged).toMatchObject({ status: null, bytes: 0, aborted: true });
    release.open();
  });

  it("writes none with LOG_REQUESTS=0", async () => {
    server = await startTestServer(async (_req: IncomingMessage, res: ServerResponse) => res.end("ok"), { logRequests: false });
    await get(server.url);
    // The shutdown ends only once every connection (and so every response) has closed.
    server.shutdown.start("SIGTERM");
    await server.exited;
    expect(server.lines.map((l) => l.event)).toEqual(["shutdown-start"]);
  });
});

describe("jsonLine", () => {
  it("is one line of JSON with the time first", () => {
    const text = jsonLine({ event: "ready", port: 3000 });
    expect(text.endsWith("\n")).toBe(true);
    expect(text.trimEnd()).not.toContain("\n");
    const record = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(["time", "event", "port"]);
    expect(new Date(record.time as string).toISOString()).toBe(record.time);
  });
});
