import { describe, expect, it } from "vitest";
import { MAX_LINE_CHARS, planSlices, sliceOf } from "./slices";

describe("planSlices", () => {
  it("cuts by line count", () => {
    expect(planSlices(new Array(2500).fill(10), { lines: 1000, chars: 1e9 })).toEqual([0, 1000, 2000]);
  });
  it("cuts by characters, one line at least per slice", () => {
    expect(planSlices([60, 60, 60, 10], { lines: 10, chars: 100 })).toEqual([0, 1, 2]);
    expect(planSlices([500, 500], { lines: 10, chars: 100 })).toEqual([0, 1]);
  });
  it("counts a very long line as the part that is shown", () => {
    expect(planSlices([MAX_LINE_CHARS * 50, 10], { lines: 10, chars: MAX_LINE_CHARS + 10 })).toEqual([0]);
  });
  it("has no slices for an empty file", () => {
    expect(planSlices([])).toEqual([]);
  });
});

describe("sliceOf", () => {
  const starts = [0, 1000, 2000];
  it("finds the slice holding a line", () => {
    expect(sliceOf(starts, 2500, 0)).toEqual({ start: 0, end: 1000 });
    expect(sliceOf(starts, 2500, 999)).toEqual({ start: 0, end: 1000 });
    expect(sliceOf(starts, 2500, 1000)).toEqual({ start: 1000, end: 2000 });
    expect(sliceOf(starts, 2500, 2499)).toEqual({ start: 2000, end: 2500 });
  });
  it("is undefined outside the file", () => {
    expect(sliceOf(starts, 2500, 2500)).toBeUndefined();
    expect(sliceOf(starts, 2500, -1)).toBeUndefined();
  });
});
