import { describe, expect, it } from "vitest";
import { Gate } from "../../fixtures/gate";
import { orderedStream } from "./ordered-stream";
import { countTurns } from "../testing/turn-counter";

const bytes = (text: string) => new TextEncoder().encode(text);

async function readAll(stream: ReadableStream<Uint8Array>, each: (chunk: Uint8Array) => void = () => undefined): Promise<string> {
  const reader = stream.getReader();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    each(value);
    text += new TextDecoder().decode(value);
  }
}

describe("orderedStream", () => {
  it("gives the parts in order however they finish, skipping empty ones", async () => {
    const texts = ["a", "", "c", "d"];
    const gates = texts.map(() => new Gate());
    const read = readAll(orderedStream(4, async (i) => {
      await gates[i]!.pass();
      return bytes(texts[i]!);
    }, { ahead: 4 }));
    await Promise.all(gates.map((gate) => gate.arrived()));
    for (const i of [3, 1, 2, 0]) gates[i]!.open();
    expect(await read).toBe("acd");
  });

  it("starts at most `ahead` parts beyond what was read", async () => {
    const started: number[] = [];
    const stream = orderedStream(10, async (i) => {
      started.push(i);
      return bytes(String(i));
    }, { ahead: 2 });
    const reader = stream.getReader();
    await reader.read();
    // Part 0 was read; parts 1 and 2 may be in the making, no further.
    expect(Math.max(...started)).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  it("hands on one part per turn of the event loop, even when every part is ready at once", async () => {
    const clock = countTurns();
    const turns: number[] = [];
    const text = await readAll(
      orderedStream(6, (i) => Promise.resolve(bytes(String(i))), { ahead: 6 }),
      () => turns.push(clock.now),
    ).finally(() => {
      clock.stop();
    });
    expect(text).toBe("012345");
    for (let i = 1; i < turns.length; i++) expect(turns[i]).toBeGreaterThan(turns[i - 1]!);
  });

  it("errors the stream when a part fails, and says so", async () => {
    const errors: unknown[] = [];
    const failure = new Error("worker died");
    const stream = orderedStream(3, (i) => (i === 1 ? Promise.reject(failure) : Promise.resolve(bytes("x"))), { onError: (e) => errors.push(e) });
    await expect(readAll(stream)).rejects.toBe(failure);
    expect(errors).toEqual([failure]);
  });
});
