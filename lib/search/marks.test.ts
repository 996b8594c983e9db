import { describe, expect, it } from "vitest";
import { alignedMarks, editDistance, splitMarked } from "./marks";

describe("editDistance", () => {
  it.each([
    ["lodsh", "lodash", 1],
    ["reactdom", "react-dom", 1],
    ["", "abc", 3],
    ["same", "same", 0],
    ["recat", "react", 2],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe("alignedMarks", () => {
  it("marks the characters shared along a cheapest alignment", () => {
    expect(alignedMarks("lodsh", "lodash", 0)).toEqual([
      [0, 3],
      [4, 6],
    ]);
  });

  it("shifts by the term's offset in the name", () => {
    expect(alignedMarks("reactdom", "react-dom", 7)).toEqual([
      [7, 12],
      [13, 16],
    ]);
  });

  it("marks nothing when nothing is shared", () => {
    expect(alignedMarks("xyz", "abc", 0)).toEqual([]);
  });
});

describe("splitMarked", () => {
  it("cuts a name into marked and plain parts", () => {
    expect(splitMarked("@babel/core", [[7, 11]])).toEqual([
      { text: "@babel/", marked: false },
      { text: "core", marked: true },
    ]);
    expect(splitMarked("lodash", [[0, 3], [4, 6]]).map((p) => `${p.marked ? "+" : "-"}${p.text}`)).toEqual(["+lod", "-a", "+sh"]);
  });

  it("keeps the text whole without marks", () => {
    expect(splitMarked("react", [])).toEqual([{ text: "react", marked: false }]);
  });
});
