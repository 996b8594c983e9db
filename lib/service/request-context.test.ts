import { describe, expect, it } from "vitest";
import { untilAnswered } from "./request-context";

describe("untilAnswered", () => {
  it("follows the request's signal until answered, then no longer", () => {
    const client = new AbortController();
    const waiting = untilAnswered(client.signal);
    expect(waiting.signal.aborted).toBe(false);
    waiting.answered();
    client.abort(new Error("client went away"));
    expect(waiting.signal.aborted).toBe(false);
  });

  it("aborts with the request's reason when the client goes away before the answer, or already had", () => {
    const client = new AbortController();
    const waiting = untilAnswered(client.signal);
    const reason = new Error("client went away");
    client.abort(reason);
    expect(waiting.signal.aborted).toBe(true);
    expect(waiting.signal.reason).toBe(reason);
    expect(untilAnswered(client.signal).signal.reason).toBe(reason);
  });

  it("never aborts without a request signal", () => {
    const waiting = untilAnswered(undefined);
    waiting.answered();
    expect(waiting.signal.aborted).toBe(false);
  });
});
