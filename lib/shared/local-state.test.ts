import { describe, expect, it } from "vitest";
import { Admission, MissRateLimiter } from "../service/admission";
import { createLocalState, LocalLock } from "./local-state";
import { describeSharedStateContract, MemoryStore } from "./test-contract";

// In one process both "replicas" are the process itself: the services of all ecosystems share one state.
describeSharedStateContract("in-process", async (limits) => {
  const state = createLocalState({
    slots: new Admission(limits.maxActive, limits.maxQueued),
    budget: new MissRateLimiter(limits.missesPerWindow, limits.windowSeconds),
    readOnly: false,
  });
  const local = new MemoryStore();
  return { a: state, b: state, localA: local, localB: local, close: () => state.close() };
});

describe("LocalLock", () => {
  it("frees a key whose only caller left: the next caller computes anew instead of joining the abandoned work", async () => {
    const lock = new LocalLock();
    const left = new AbortController();
    const abandoned = lock.once("k", () => new Promise<string>(() => undefined), undefined, left.signal);
    left.abort(new Error("the client went away"));
    await expect(abandoned).rejects.toThrow("the client went away");
    expect(await lock.once("k", async () => "fresh")).toEqual({ value: "fresh", computed: true });
  });
});
