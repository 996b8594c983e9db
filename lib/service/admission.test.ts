import { describe, expect, it } from "vitest";
import { isPkgdiffError, type PkgdiffError } from "../errors";
import { statusFor } from "../http/status";
import { budgetKey } from "../shared/refusals";
import { Admission, MissRateLimiter } from "./admission";

/** A promise with its resolve exposed, to hold a computation open. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function caught(work: () => unknown): Promise<PkgdiffError> {
  try {
    await work();
  } catch (error) {
    if (isPkgdiffError(error)) return error;
    throw error;
  }
  throw new Error("expected a PkgdiffError");
}

describe("Admission", () => {
  it("runs at most maxActive at once, queues up to maxQueued, and refuses the rest with 503 + Retry-After", async () => {
    const admission = new Admission(2, 1, 7);
    const hold = gate();
    let running = 0;
    let peak = 0;
    const work = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await hold.opened;
      running -= 1;
      return "done";
    };
    const admitted = [admission.run(work), admission.run(work), admission.run(work)];
    expect(admission.load).toEqual({ active: 2, queued: 1 });
    const refused = await caught(() => admission.run(work));
    expect(refused.kind).toBe("overloaded");
    expect(statusFor(refused)).toBe(503);
    expect(refused.details.retryAfter).toBe(7);
    expect(refused.message).toMatch(/try again/i);
    hold.open();
    expect(await Promise.all(admitted)).toEqual(["done", "done", "done"]);
    expect(peak).toBe(2);
    expect(admission.load).toEqual({ active: 0, queued: 0 });
  });

  it("frees the slot when a computation fails", async () => {
    const admission = new Admission(1, 0);
    await expect(admission.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await admission.run(async () => 42)).toBe(42);
  });
});

describe("MissRateLimiter", () => {
  it("allows `capacity` misses per window per client, then 429 with the seconds until the next one", async () => {
    let now = 0;
    const limiter = new MissRateLimiter(3, 60, () => now);
    for (let i = 0; i < 3; i++) limiter.take("1.2.3.4");
    const limited = await caught(() => limiter.take("1.2.3.4"));
    expect(limited.kind).toBe("rate_limited");
    expect(statusFor(limited)).toBe(429);
    expect(limited.details.retryAfter).toBe(20); // one token per 20 s
    limiter.take("5.6.7.8"); // other clients are not affected
    now = 20_000;
    limiter.take("1.2.3.4"); // refilled one
    await expect(caught(() => limiter.take("1.2.3.4"))).resolves.toMatchObject({ kind: "rate_limited" });
  });

  it("never limits an unknown client or a capacity of 0", () => {
    const limiter = new MissRateLimiter(1, 60, () => 0);
    for (let i = 0; i < 5; i++) limiter.take(undefined);
    const unlimited = new MissRateLimiter(0, 60, () => 0);
    for (let i = 0; i < 5; i++) unlimited.take("1.2.3.4");
    limiter.take("a");
    expect(() => limiter.take("a")).toThrow();
  });

  it("forgets the least recently seen clients beyond its bound", () => {
    const limiter = new MissRateLimiter(1, 3600, () => 0, 2);
    limiter.take("a");
    limiter.take("b");
    limiter.take("c"); // forgets "a"
    expect(() => limiter.take("a")).not.toThrow();
    expect(() => limiter.take("c")).toThrow();
  });
});

describe("budgetKey", () => {
  it("keys IPv4 by address and IPv6 by its /64, however it is written", () => {
    expect(budgetKey("203.0.113.7")).toBe("203.0.113.7");
    expect(budgetKey("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(budgetKey("2001:0DB8:0000:0001:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:0:1::/64");
    expect(budgetKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(budgetKey("::1")).toBe("0:0:0:0::/64");
    expect(budgetKey("2001:db8:0:2::5")).not.toBe(budgetKey("2001:db8:0:1::5"));
  });

  it("makes a /64 share one budget", () => {
    const limiter = new MissRateLimiter(1, 60, () => 0);
    limiter.take("2001:db8:0:1::1");
    expect(() => limiter.take("2001:db8:0:1::2")).toThrow();
    expect(() => limiter.take("2001:db8:0:2::1")).not.toThrow();
  });
});
