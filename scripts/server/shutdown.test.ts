import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { gate, get, startTestServer, type TestServer } from "./test-server";

let server: TestServer | undefined;
afterEach(() => server?.close());

/** A handler that tells the test a request arrived and holds it until the test releases it. */
function held() {
  const arrived = gate();
  const release = gate();
  const handle = async (_req: IncomingMessage, res: ServerResponse) => {
    arrived.open();
    await release.wait;
    res.end("done");
  };
  return { arrived, release, handle };
}

/** Resolves with the connection's outcome: "connected" or its error code. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

describe("graceful shutdown", () => {
  it("lets an in-flight request finish, refuses new connections, then exits 0", async () => {
    const request = held();
    let cleanups = 0;
    server = await startTestServer(request.handle, { shutdownTimeoutMs: 5_000 }, async () => {
      cleanups += 1;
    });
    const reply = get(server.url);
    await request.arrived.wait;

    server.shutdown.start("SIGTERM");
    expect(server.lines.at(-1)).toEqual({ event: "shutdown-start", signal: "SIGTERM", inFlight: 1, timeoutMs: 5_000 });
    expect(server.deadlineMs()).toBe(5_000);
    expect(await tryConnect(server.port)).toBe("ECONNREFUSED");

    request.release.open();
    const answered = await reply;
    expect(answered).toMatchObject({ status: 200, body: "done" });
    expect(answered.headers.connection).toBe("close");
    const { code, record } = await server.exited;
    expect(code).toBe(0);
    expect(record).toMatchObject({ event: "shutdown-end", signal: "SIGTERM", inFlight: 0, forced: false, exitCode: 0 });
    expect(cleanups).toBe(1);
    expect(server.deadlineMs()).toBeUndefined(); // the deadline was cleared
    expect(server.exits).toEqual([0]);
  });

  it("past SHUTDOWN_TIMEOUT_MS closes what is left and exits 1", async () => {
    const request = held();
    let cleanups = 0;
    server = await startTestServer(request.handle, { shutdownTimeoutMs: 250 }, async () => {
      cleanups += 1;
    });
    const reply = get(server.url).then(
      () => "answered",
      (error: NodeJS.ErrnoException) => error.code,
    );
    await request.arrived.wait;
    server.shutdown.start("SIGINT");
    expect(server.deadlineMs()).toBe(250);
    const closed = once(server.server, "close");

    server.fireDeadline();
    const { code, record } = await server.exited;
    expect(code).toBe(1);
    expect(record).toMatchObject({ event: "shutdown-end", signal: "SIGINT", inFlight: 1, forced: true, exitCode: 1 });
    expect(await reply).toBe("ECONNRESET");
    // The drained server's own close comes after the forced exit and changes nothing.
    await closed;
    expect(server.exits).toEqual([1]);
    expect(cleanups).toBe(0);
    request.release.open();
  });

  it("exits 0 at once with nothing in flight, and ignores a second signal", async () => {
    server = await startTestServer(async (_req: IncomingMessage, res: ServerResponse) => res.end("ok"));
    await get(server.url);
    server.shutdown.start("SIGTERM");
    server.shutdown.start("SIGINT");
    const { code, record } = await server.exited;
    expect(code).toBe(0);
    expect(record).toMatchObject({ signal: "SIGTERM", forced: false });
    expect(server.lines.filter((l) => l.event === "shutdown-start")).toHaveLength(1);
  });

  it("logs a failed app cleanup and still exits 0", async () => {
    server = await startTestServer(
      async (_req: IncomingMessage, res: ServerResponse) => res.end("ok"),
      {},
      async () => {
        throw new Error("after() callback failed");
      },
    );
    server.shutdown.start("SIGTERM");
    expect((await server.exited).code).toBe(0);
    expect(server.errors).toEqual([{ event: "shutdown-cleanup-failed", message: expect.stringContaining("after() callback failed") }]);
  });
});
