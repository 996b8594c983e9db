import { describe, expect, it } from "vitest";
import { lineHash, parseLineHash, selectLine } from "./line-hash";

describe("parseLineHash", () => {
  it.each([
    ["#L12", { first: 12, last: 12 }],
    ["L12", { first: 12, last: 12 }],
    ["#L12-L20", { first: 12, last: 20 }],
    ["#L12-20", { first: 12, last: 20 }],
    ["#L20-L12", { first: 12, last: 20 }],
  ])("%s", (hash, range) => expect(parseLineHash(hash)).toEqual(range));

  it.each(["", "#", "#L", "#L0", "#l12", "#L12-", "#md-usage", "#L1x", "#L9999999999"])("ignores %j", (hash) => {
    expect(parseLineHash(hash)).toBeUndefined();
  });
});

describe("lineHash and selectLine", () => {
  it("writes single lines and ranges", () => {
    expect(lineHash({ first: 3, last: 3 })).toBe("L3");
    expect(lineHash({ first: 3, last: 9 })).toBe("L3-L9");
  });
  it("extends from the anchor with shift, in either direction", () => {
    expect(selectLine(undefined, 7, true)).toEqual({ first: 7, last: 7 });
    expect(selectLine(12, 20, false)).toEqual({ first: 20, last: 20 });
    expect(selectLine(12, 20, true)).toEqual({ first: 12, last: 20 });
    expect(selectLine(12, 5, true)).toEqual({ first: 5, last: 12 });
  });
});
