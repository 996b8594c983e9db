import { describe, expect, it } from "vitest";
import { processGlobal } from "./process-global";

describe("processGlobal", () => {
  it("creates the value once and returns the same one to every caller", () => {
    let made = 0;
    const first = processGlobal("pkgdiff.test.processGlobal", () => ({ n: ++made }));
    const second = processGlobal("pkgdiff.test.processGlobal", () => ({ n: ++made }));
    expect(second).toBe(first);
    expect(made).toBe(1);
  });

  it("keeps values of different names apart", () => {
    const a = processGlobal("pkgdiff.test.a", () => "a");
    const b = processGlobal("pkgdiff.test.b", () => "b");
    expect([a, b]).toEqual(["a", "b"]);
  });
});
