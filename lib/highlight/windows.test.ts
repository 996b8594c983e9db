import { describe, expect, it } from "vitest";
import { tokenWindows } from "./windows";

describe("tokenWindows", () => {
  const opts = { wholeFileLines: 1000, lead: 50 };

  it("tokenizes small files whole", () => {
    expect(tokenWindows([{ start: 10, end: 12 }], 800, opts)).toEqual([{ start: 0, end: 799 }]);
  });

  it("gives each range a run-up in big files and merges overlaps", () => {
    expect(
      tokenWindows(
        [
          { start: 5000, end: 5010 },
          { start: 100, end: 120 },
          { start: 5040, end: 5060 },
        ],
        10_000,
        opts,
      ),
    ).toEqual([
      { start: 50, end: 120 },
      { start: 4950, end: 5060 },
    ]);
  });

  it("clamps to the file", () => {
    expect(tokenWindows([{ start: 9990, end: 20_000 }], 10_000, opts)).toEqual([{ start: 9940, end: 9999 }]);
    expect(tokenWindows([], 10_000, opts)).toEqual([]);
  });
});
