import { afterEach, describe, expect, it, vi } from "vitest";
import { DeadlineExceeded, deadlineError, isDeadlineExceeded, namingDeadline, requestDeadline } from "./deadline";

afterEach(() => {
  vi.useRealTimers();
});

describe("requestDeadline", () => {
  it("aborts with DeadlineExceeded when its time has passed, not before", () => {
    vi.useFakeTimers();
    const deadline = requestDeadline(20_000)!;
    vi.advanceTimersByTime(19_999);
    expect(deadline.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.aborted).toBe(true);
    expect(isDeadlineExceeded(deadline.reason)).toBe(true);
    expect((deadline.reason as DeadlineExceeded).ms).toBe(20_000);
  });

  it("is none for 0 (REGISTRY_DEADLINE_MS=0 turns it off)", () => {
    expect(requestDeadline(0)).toBeUndefined();
  });
});

describe("deadline errors", () => {
  it("is a 504 naming what did not answer", () => {
    const error = deadlineError(20_000, "the tarball of react@18.3.1", { packageName: "react", version: "18.3.1" });
    expect(error).toMatchObject({ kind: "timeout", details: { packageName: "react" } });
    expect(error.message).toBe("The registry did not answer within 20 s for the tarball of react@18.3.1 (REGISTRY_DEADLINE_MS)");
  });

  it("turns a passed deadline into that 504 and leaves other failures alone", async () => {
    await expect(namingDeadline(Promise.reject(new DeadlineExceeded(5_000)), "the metadata of react", {})).rejects.toMatchObject({
      kind: "timeout",
      message: "The registry did not answer within 5 s for the metadata of react (REGISTRY_DEADLINE_MS)",
    });
    await expect(namingDeadline(Promise.reject(new Error("other")), "x", {})).rejects.toThrow("other");
    expect(isDeadlineExceeded(new Error("DeadlineExceeded"))).toBe(false);
  });
});
