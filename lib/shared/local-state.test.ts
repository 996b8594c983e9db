import { Admission, MissRateLimiter } from "../service/admission";
import { createLocalState } from "./local-state";
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
