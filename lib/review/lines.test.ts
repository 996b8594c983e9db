import { describe, expect, it } from "vitest";

import { diffTextBytes } from "../diff/text-diff";
import { allLinesAsAdded, changedLines, changedSides, firstChangedLine, lineAnchor } from "./lines";

const bytes = (text: string) => Buffer.from(text);

describe("changedLines", () => {
  it("numbers added lines on the new side and removed lines on the old side, across hunks", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const updated = [...old];
    updated[1] = "changed 2";
    updated.splice(15, 0, "inserted");
    const { hunks } = diffTextBytes(bytes(`${old.join("\n")}\n`), bytes(`${updated.join("\n")}\n`), {});
    expect(hunks.length).toBe(2);
    expect(changedLines({ hunks }, "+")).toEqual([
      { sign: "+", line: 2, text: "changed 2" },
      { sign: "+", line: 16, text: "inserted" },
    ]);
    expect(changedLines({ hunks }, "-")).toEqual([{ sign: "-", line: 2, text: "line 2" }]);
  });

  it("skips the no-newline marker and gives nothing without hunks", () => {
    const { hunks } = diffTextBytes(bytes("a\n"), bytes("a\nb"), {});
    expect(changedLines({ hunks }, "+")).toEqual([{ sign: "+", line: 2, text: "b" }]);
    expect(changedLines({}, "+")).toEqual([]);
  });
});

describe("firstChangedLine", () => {
  it("is the first change in the diff's order, either sign", () => {
    const hunks = [
      { oldStart: 1, oldLines: 2, newStart: 1, newLines: 3, lines: [" a", "+b", "-c", "+d"] },
      { oldStart: 9, oldLines: 1, newStart: 10, newLines: 0, lines: ["-e"] },
    ];
    expect(firstChangedLine({ hunks })).toEqual({ sign: "+", line: 2, text: "b" });
    expect(firstChangedLine({ hunks: hunks.slice(1) })).toEqual({ sign: "-", line: 9, text: "e" });
    expect(firstChangedLine({})).toBeUndefined();
  });
});

describe("changedSides", () => {
  it("gives both sides' lines as stored and their numbers", () => {
    const hunks = [{ oldStart: 4, oldLines: 3, newStart: 4, newLines: 3, lines: ["-a", "-b", "+c", " d", "+e", "\\ No newline at end of file"] }];
    const { added, removed } = changedSides({ hunks });
    expect(added).toEqual({ sign: "+", lines: ["+c", "+e"], skip: 1, numbers: [4, 6], longest: 2 });
    expect(removed).toEqual({ sign: "-", lines: ["-a", "-b"], skip: 1, numbers: [4, 5], longest: 2 });
  });

  it("pairs the lines replaced in place, by position in each run between context lines, when both are long enough", () => {
    const hunks = [{ oldStart: 1, oldLines: 6, newStart: 1, newLines: 6, lines: ["-aaaa", "-bbbb", "+cccc", " d", "+eeee", "-ff", "+gggg", " h", "-iiii"] }];
    const pairs = (pairsFrom?: number) => changedSides({ hunks }, pairsFrom).replaced.map(({ removed, added, before }) => [removed, added, before]);
    expect(pairs(3)).toEqual([[0, 0, "-aaaa"]]);
    expect(pairs(1)).toEqual([
      [0, 0, "-aaaa"],
      [2, 1, "-ff"],
    ]);
    expect(pairs()).toEqual([]);
  });

  it("pairs nothing across hunks", () => {
    const hunks = [
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 0, lines: ["-aaaa"] },
      { oldStart: 9, oldLines: 1, newStart: 8, newLines: 2, lines: ["+bbbb", " c"] },
    ];
    expect(changedSides({ hunks }, 1).replaced).toEqual([]);
  });

  it("builds the removed side only when it is read", () => {
    const hunks = [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ["-a", "+b"] }];
    const sides = changedSides({ hunks });
    expect(Object.getOwnPropertyDescriptor(sides, "removed")?.get).toBeTypeOf("function");
    expect(sides.removed.lines).toEqual(["-a"]);
    expect(sides.removed).toBe(sides.removed);
  });
});

describe("allLinesAsAdded", () => {
  it("numbers every line from 1 and drops CR of CRLF", () => {
    expect([...allLinesAsAdded(bytes("a\r\nb\n\nc"))].map((l) => [l.line, l.text])).toEqual([
      [1, "a"],
      [2, "b"],
      [3, ""],
      [4, "c"],
    ]);
  });
});

describe("lineAnchor", () => {
  it("extends the page's file anchor, encoding the path the same way", () => {
    expect(lineAnchor("lib/a b.js", "+", 7)).toBe("file-lib/a%20b.js-R7");
    expect(lineAnchor("x.js", "-", 3)).toBe("file-x.js-L3");
  });
});
