import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type FixtureRegistry, Gate, startFixtureRegistry } from "../../../fixtures/registry";
import { adapterFor, rejection, requestsSince } from "./test-helpers";

let registry: FixtureRegistry;

beforeAll(async () => {
  registry = await startFixtureRegistry();
});
afterEach(() => {
  registry.setFault(null);
  vi.useRealTimers();
});
afterAll(() => registry.close());

/** Messages reach users: they name the registry as the failing party and carry no stack. */
function expectUserFacing(message: string): void {
  expect(message).toMatch(/^The registry /);
  expect(message).not.toMatch(/\n\s+at /);
}

describe("retries", () => {
  it("retries a 500 and then succeeds", async () => {
    registry.setFault({ kind: "status", status: 500, times: 2 });
    const mark = registry.requests.length;
    const pkg = await adapterFor(registry, { retries: 2 }).getPackage("demo-pkg");
    expect(pkg.name).toBe("demo-pkg");
    expect(requestsSince(registry, mark)).toEqual(["/demo-pkg", "/demo-pkg", "/demo-pkg"]);
  });

  it("gives up after `retries` extra attempts with upstream", async () => {
    registry.setFault({ kind: "status", status: 500 });
    const mark = registry.requests.length;
    const error = await rejection(adapterFor(registry, { retries: 2 }).getPackage("demo-pkg"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toBe("The registry answered 500 for demo-pkg (tried 3 times)");
    expect(requestsSince(registry, mark)).toHaveLength(3);
  });

  it("retries a 500 on a tarball too", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("demo-pkg");
    registry.setFault({ kind: "status", status: 502, times: 1, only: "tarball" });
    await expect(npm.getTarball(pkg, "1.1.0")).resolves.toBeInstanceOf(Uint8Array);
  });

  it("retries a 429 after a short Retry-After", async () => {
    registry.setFault({ kind: "status", status: 429, times: 1, headers: { "retry-after": "0" } });
    const mark = registry.requests.length;
    await expect(adapterFor(registry).getPackage("demo-pkg")).resolves.toMatchObject({ name: "demo-pkg" });
    expect(requestsSince(registry, mark)).toHaveLength(2);
  });

  it("does not wait out a long Retry-After", async () => {
    registry.setFault({ kind: "status", status: 429, headers: { "retry-after": "3600" } });
    const mark = registry.requests.length;
    const error = await rejection(adapterFor(registry).getPackage("demo-pkg"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("rate limiting");
    expect(requestsSince(registry, mark)).toHaveLength(1);
  });

  it("does not retry other 4xx answers", async () => {
    registry.setFault({ kind: "status", status: 400 });
    const mark = registry.requests.length;
    const error = await rejection(adapterFor(registry).getPackage("demo-pkg"));
    expect(error.message).toBe("The registry answered 400 for demo-pkg");
    expect(requestsSince(registry, mark)).toHaveLength(1);
  });

  it("retries a reset connection", async () => {
    registry.setFault({ kind: "reset", times: 1 });
    await expect(adapterFor(registry).getPackage("demo-pkg")).resolves.toMatchObject({ name: "demo-pkg" });
  });

  it("retries a body cut short", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("demo-pkg");
    registry.setFault({ kind: "truncate", times: 1, only: "tarball" });
    const mark = registry.requests.length;
    await expect(npm.getTarball(pkg, "1.2.0")).resolves.toBeInstanceOf(Uint8Array);
    expect(requestsSince(registry, mark)).toHaveLength(2);
  });
});

describe("failures", () => {
  it.each([["reset"], ["truncate"]] as const)("a connection that keeps failing (%s) → upstream", async (kind) => {
    registry.setFault({ kind });
    const error = await rejection(adapterFor(registry, { retries: 1 }).getPackage("demo-pkg"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toMatch(/^The registry could not be reached for demo-pkg \([A-Z_]+|connection failed\) \(tried 2 times\)$/);
    expectUserFacing(error.message);
  });

  it("an unreachable registry → upstream", async () => {
    const closed = await startFixtureRegistry();
    await closed.close();
    const error = await rejection(adapterFor(closed, { retries: 0 }).getPackage("demo-pkg"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toBe("The registry could not be reached for demo-pkg (ECONNREFUSED)");
  });

  // Time is the subject here: the inactivity timer runs on fake time, moved only once the
  // request is known to wait at the registry, so a busy machine can't fire it early or late.
  // Only setTimeout is faked: the sockets stay real.
  it("a registry that never answers → timeout, after retries", async () => {
    const gate = new Gate(); // never opened: the registry holds every request
    registry.setFault({ kind: "hold", gate });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const mark = registry.requests.length;
    const failed = rejection(adapterFor(registry, { timeoutMs: 100, retries: 1 }).getPackage("demo-pkg"));
    await gate.arrived(1);
    await vi.advanceTimersByTimeAsync(100); // the first attempt's timer fires
    await vi.advanceTimersByTimeAsync(10); // the backoff (retryBaseMs 5: 5 to 10 ms) ends
    await gate.arrived(2);
    await vi.advanceTimersByTimeAsync(100);
    const error = await failed;
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe("The registry did not answer within 0.1 s for demo-pkg (tried 2 times)");
    expect(requestsSince(registry, mark)).toHaveLength(2);
  });

  it("a registry that never answers → a timeout at REGISTRY_DEADLINE_MS, however long each attempt may be", async () => {
    const gate = new Gate();
    registry.setFault({ kind: "hold", gate });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const mark = registry.requests.length;
    const failed = rejection(adapterFor(registry, { timeoutMs: 30_000, retries: 2, deadlineMs: 20_000 }).getPackage("demo-pkg"));
    await gate.arrived(1);
    await vi.advanceTimersByTimeAsync(20_000);
    const error = await failed;
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe("The registry did not answer within 20 s for demo-pkg (REGISTRY_DEADLINE_MS)");
    expectUserFacing(error.message);
    expect(requestsSince(registry, mark)).toHaveLength(1);
  });

  it("retries fit inside the deadline: the one it cuts short ends the request", async () => {
    const gate = new Gate();
    registry.setFault({ kind: "hold", gate });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const mark = registry.requests.length;
    const failed = rejection(adapterFor(registry, { timeoutMs: 100, retries: 5, deadlineMs: 150 }).getPackage("demo-pkg"));
    await gate.arrived(1);
    await vi.advanceTimersByTimeAsync(100); // the first attempt's own timeout
    await vi.advanceTimersByTimeAsync(10); // the backoff (5 to 10 ms)
    await gate.arrived(2);
    await vi.advanceTimersByTimeAsync(40); // 150 ms in all: the deadline
    const error = await failed;
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe("The registry did not answer within 0.15 s for demo-pkg (REGISTRY_DEADLINE_MS) (tried 2 times)");
    expect(requestsSince(registry, mark)).toHaveLength(2);
  });

  it("a body that keeps arriving past the deadline is read to its end (the inactivity timeout bounds it)", async () => {
    const packument = await (await fetch(`${registry.url}demo-pkg`)).arrayBuffer();
    let push!: (chunk: Uint8Array | null) => void;
    // Like a real fetch, an abort of the request's signal errors the body being read.
    const slowFetch: typeof fetch = async (_url, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (chunk) => (chunk ? controller.enqueue(chunk) : controller.close());
          init?.signal?.addEventListener("abort", () => controller.error(init.signal!.reason));
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    };
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const answered = adapterFor(registry, { fetch: slowFetch, timeoutMs: 1_000, retries: 0, deadlineMs: 1_500 }).getPackage("demo-pkg");
    const bytes = new Uint8Array(packument);
    const half = Math.floor(bytes.length / 2);
    await vi.advanceTimersByTimeAsync(900);
    push(bytes.subarray(0, half));
    await vi.advanceTimersByTimeAsync(900); // 1.8 s in: past the deadline, within the inactivity timeout
    push(bytes.subarray(half));
    push(null);
    await expect(answered).resolves.toMatchObject({ name: "demo-pkg" });
  });

  it("an answer within the timeout is fine", async () => {
    const gate = new Gate();
    registry.setFault({ kind: "hold", gate });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const answered = adapterFor(registry, { timeoutMs: 1_000, retries: 0 }).getPackage("demo-pkg");
    await gate.arrived();
    await vi.advanceTimersByTimeAsync(999); // 1 ms short of the timeout
    gate.open();
    await expect(answered).resolves.toMatchObject({ name: "demo-pkg" });
  });

  it("invalid JSON → upstream, not retried", async () => {
    registry.setFault({ kind: "invalid-json" });
    const mark = registry.requests.length;
    const error = await rejection(adapterFor(registry).getPackage("demo-pkg"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toBe("The registry sent invalid JSON for demo-pkg");
    expect(requestsSince(registry, mark)).toHaveLength(1);
  });

  it.each([0, 2])("the caller's abort is passed through, not retried or relabelled (retries %i)", async (retries) => {
    const npm = adapterFor(registry, { retries });
    const pkg = await npm.getPackage("odd-top");
    const gate = new Gate(); // never opened: only the caller's abort ends the request
    registry.setFault({ kind: "hold", gate });
    const controller = new AbortController();
    const mark = registry.requests.length;
    const pending = npm.getTarball(pkg, "1.0.0", controller.signal);
    await gate.arrived();
    controller.abort(new DOMException("user left", "AbortError"));
    await expect(pending).rejects.toMatchObject({ name: "AbortError", message: "user left" });
    expect(requestsSince(registry, mark)).toHaveLength(1);
  });
});
