import { describe, expect, it } from "vitest";
import { changedSides, textOf } from "./lines";
import { NARROW_FROM, NARROW_MARGIN, narrowReplaced, sharedLength } from "./replaced-lines";

describe("sharedLength", () => {
  it("measures the shared start and end past the signs, across chunk boundaries", () => {
    const base = "x".repeat(10_000);
    const a = `+${base.slice(0, 5_000)}A${base.slice(5_001)}`;
    const b = `-${base.slice(0, 5_000)}B${base.slice(5_001)}`;
    expect(sharedLength(a, b, 1, false, 10_000)).toBe(5_000);
    expect(sharedLength(a, b, 1, true, 5_000)).toBe(4_999);
    expect(sharedLength("+same", "-same", 1, false, 4)).toBe(4);
  });
});

describe("narrowReplaced", () => {
  it("keeps, of a long line replaced in place, what differs and a margin, at the same offsets on both sides", () => {
    const line = (middle: string) => `${"a;".repeat(2_000)}${middle}${"b;".repeat(2_000)}`;
    const hunks = [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [`-${line("OLD")}`, `+${line("NEW!")}`, " short"] }];
    const sides = changedSides({ hunks }, NARROW_FROM);
    narrowReplaced(sides);
    const { added, removed } = sides;
    expect(textOf(added, 0)).toBe(`${"a;".repeat(NARROW_MARGIN / 2)}NEW!${"b;".repeat(NARROW_MARGIN / 2)}`);
    expect(textOf(removed, 0)).toBe(`${"a;".repeat(NARROW_MARGIN / 2)}OLD${"b;".repeat(NARROW_MARGIN / 2)}`);
  });

  it("leaves short lines whole", () => {
    const hunks = [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: [`-${"a".repeat(NARROW_FROM - 10)}1`, `+${"a".repeat(NARROW_FROM - 10)}2`] }];
    const sides = changedSides({ hunks }, NARROW_FROM);
    narrowReplaced(sides);
    const { added } = sides;
    expect(added.parts).toBeUndefined();
    expect(textOf(added, 0)).toHaveLength(NARROW_FROM - 9);
  });
});
