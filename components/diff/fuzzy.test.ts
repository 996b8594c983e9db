import { describe, expect, it } from "vitest";
import { fuzzyMatch } from "./fuzzy";

describe("fuzzyMatch", () => {
  it("matches characters in order, ignoring case", () => {
    expect(fuzzyMatch("utl", "lib/util.ts")).toBe(true);
    expect(fuzzyMatch("LIBU", "lib/util.ts")).toBe(true);
    expect(fuzzyMatch("us", "lib/util.ts")).toBe(true);
    expect(fuzzyMatch("tu", "lib/util.ts")).toBe(false);
    expect(fuzzyMatch("xyz", "lib/util.ts")).toBe(false);
    expect(fuzzyMatch("lt.s", "lib/util.ts")).toBe(true);
    expect(fuzzyMatch("ts.l", "lib/util.ts")).toBe(false);
  });
});
