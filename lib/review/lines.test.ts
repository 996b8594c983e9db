import { describe, expect, it } from "vitest";

import { diffTextBytes } from "../diff/text-diff";
import { allLinesAsAdded, changedLines, changedSide, lineAnchor } from "./lines";

const bytes = (text: string) => Buffer.from(text);

describe("changedLines", () => {
  it("numbers added lines on the new side and removed lines on the old side, across hunks", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const updated = [...old];
    updated[1] = "changed 2";
    updated.splice(15, 0, "inserted");
    const { hunks } = diffTextBytes(bytes(`${old.join("\n")}\n`), bytes(`${updated.join("\n")}\n`), {});
    expect(hunks.length).toBe(2);
    expect([...changedLines({ hunks })]).toEqual([
      { sign: "-", line: 2, text: "line 2" },
      { sign: "+", line: 2, text: "changed 2" },
      { sign: "+", line: 16, text: "inserted" },
    ]);
  });

  it("keeps one sign when asked, still numbering both", () => {
    const hunks = [{ oldStart: 1, oldLines: 3, newStart: 1, newLines: 3, lines: ["-a", "-b", "+c", " d", "+e"] }];
    expect([...changedLines({ hunks }, "+")]).toEqual([
      { sign: "+", line: 1, text: "c" },
      { sign: "+", line: 3, text: "e" },
    ]);
    expect([...changedLines({ hunks }, "-")].map((l) => l.line)).toEqual([1, 2]);
  });

  it("skips the no-newline marker and yields nothing without hunks", () => {
    const { hunks } = diffTextBytes(bytes("a\n"), bytes("a\nb"), {});
    expect([...changedLines({ hunks })]).toEqual([{ sign: "+", line: 2, text: "b" }]);
    expect([...changedLines({})]).toEqual([]);
  });
});

describe("changedSide", () => {
  it("gives one sign's lines as stored and their numbers", () => {
    const hunks = [{ oldStart: 4, oldLines: 3, newStart: 4, newLines: 3, lines: ["-a", "-b", "+c", " d", "+e", "\\ No newline at end of file"] }];
    expect(changedSide({ hunks }, "+")).toEqual({ sign: "+", lines: ["+c", "+e"], skip: 1, numbers: [4, 6] });
    expect(changedSide({ hunks }, "-")).toEqual({ sign: "-", lines: ["-a", "-b"], skip: 1, numbers: [4, 5] });
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
