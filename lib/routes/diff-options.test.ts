import { describe, expect, it } from "vitest";
import { parseDiffOptions } from "./diff-options";

describe("parseDiffOptions", () => {
  it("defaults to unified, whitespace counted", () => {
    expect(parseDiffOptions(new URLSearchParams(""))).toEqual({ view: "unified", ignoreWhitespace: false });
  });
  it("reads view and w", () => {
    expect(parseDiffOptions(new URLSearchParams("view=split&w=1"))).toEqual({ view: "split", ignoreWhitespace: true });
  });
  it.each(["view=sideways", "w=yes", "w=2"])("refuses %s", (query) => {
    expect(() => parseDiffOptions(new URLSearchParams(query))).toThrow(/must be/);
  });
});
