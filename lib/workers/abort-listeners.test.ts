import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AbortListeners } from "./abort-listeners";

describe("AbortListeners", () => {
  it("listens once per signal, runs every callback still added when it aborts, then lets go", () => {
    const aborts = new AbortListeners();
    const controller = new AbortController();
    const ran: number[] = [];
    const callbacks = [1, 2, 3].map((n) => () => ran.push(n));
    for (const callback of callbacks) aborts.add(controller.signal, callback);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    aborts.remove(controller.signal, callbacks[1]!);
    controller.abort();
    expect(ran).toEqual([1, 3]);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("stops listening when the last callback is removed, and listens again for a new one", () => {
    const aborts = new AbortListeners();
    const { signal } = new AbortController();
    const callback = () => undefined;
    aborts.add(signal, callback);
    aborts.remove(signal, callback);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    aborts.remove(signal, callback); // twice: nothing to do
    aborts.add(signal, callback);
    expect(getEventListeners(signal, "abort")).toHaveLength(1);
  });
});
