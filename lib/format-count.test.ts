import { describe, expect, it } from "vitest";
import { groupDigits } from "./format-count";

describe("groupDigits", () => {
  it("puts a comma between every three digits, from the right", () => {
    expect([0, 7, 999, 1000, 12_345, 1_234_567, 1_000_000_000].map(groupDigits)).toEqual(["0", "7", "999", "1,000", "12,345", "1,234,567", "1,000,000,000"]);
  });

  it("writes what toLocaleString('en-US') writes for every integer count it is given", () => {
    for (const n of [1, 10, 100, 1001, 99_999, 100_000, 370_123, 2_820, 9_007_199_254_740_991]) expect(groupDigits(n)).toBe(n.toLocaleString("en-US"));
  });

  it("keeps a minus sign outside the groups", () => {
    expect(groupDigits(-1234)).toBe("-1,234");
  });
});
