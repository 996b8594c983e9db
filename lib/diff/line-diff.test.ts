import { afterEach, describe, expect, it, vi } from "vitest";

import { DiffBudgetExceeded } from "./budget";
import { type LineChange, diffBuffers, diffLines } from "./line-diff";
import { splitLines } from "./split-lines";
import { joinLines, mutateLines, randomLines, seededRandom } from "./test-helpers";

const changedLines = (changes: readonly LineChange[]): number =>
  changes.reduce((sum, c) => sum + (c.oldEnd - c.oldStart) + (c.newEnd - c.newStart), 0);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("diffLines", () => {
  it("returns change regions in order, 0-based and half-open", () => {
    expect(diffLines(splitLines("a\nb\nc\n"), splitLines("a\nc\nd\n"))).toEqual([
      { oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 1 },
      { oldStart: 3, oldEnd: 3, newStart: 2, newEnd: 3 },
    ]);
  });

  it("returns nothing for equal texts and everything for disjoint ones", () => {
    expect(diffLines(splitLines("a\nb\n"), splitLines("a\nb\n"))).toEqual([]);
    expect(diffLines(splitLines("a\nb\n"), splitLines("c\n"))).toEqual([{ oldStart: 0, oldEnd: 2, newStart: 0, newEnd: 1 }]);
  });

  it("anchors on unique lines rather than on frequent ones", () => {
    // Myers would happily match the "}" lines; histogram keeps the function together.
    const before = "function a() {\n  one();\n}\n";
    const after = "function b() {\n  two();\n}\n\nfunction a() {\n  one();\n}\n";
    expect(diffLines(splitLines(before), splitLines(after))).toEqual([{ oldStart: 0, oldEnd: 0, newStart: 0, newEnd: 4 }]);
  });

  it("slides an ambiguous insertion to where git puts it (indent heuristic)", () => {
    const before = "if (a) {\n  x();\n}\n";
    const after = "if (a) {\n  x();\n}\nif (b) {\n  x();\n}\n";
    expect(diffLines(splitLines(before), splitLines(after))).toEqual([{ oldStart: 3, oldEnd: 3, newStart: 3, newEnd: 6 }]);
  });

  it("treats a last line without newline as different, except when ignoring whitespace", () => {
    expect(changedLines(diffLines(splitLines("a\nb"), splitLines("a\nb\n")))).toBe(2);
    expect(diffLines(splitLines("a\nb"), splitLines("a\nb\n"), { ignoreWhitespace: true })).toEqual([]);
  });

  it("ignores spaces, tabs and CRs with ignoreWhitespace, like git diff -w", () => {
    const before = splitLines("if (a) {\n  b(1, 2);\n}\r\n");
    const after = splitLines("if(a){\n\tb(1,2);\n}\n");
    expect(changedLines(diffLines(before, after))).toBe(6);
    expect(diffLines(before, after, { ignoreWhitespace: true })).toEqual([]);
    expect(changedLines(diffLines(before, splitLines("if (a) {\n  c(1, 2);\n}\n"), { ignoreWhitespace: true }))).toBe(2);
  });

  it("gives the same result from strings and from bytes", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(seed);
      const long = random() < 0.3;
      const lines = randomLines(random, Math.floor(random() * 300), seed % 3 === 0 ? "repetitive" : "code").map((l) =>
        long ? `${"x".repeat(120)}${l}` : l,
      );
      const oldText = joinLines(lines, { finalNewline: random() < 0.7, crlf: random() < 0.2 });
      const newText = joinLines(mutateLines(random, lines, 1 + Math.floor(random() * 20)), { finalNewline: random() < 0.7 });
      for (const ignoreWhitespace of [false, true]) {
        const fromStrings = diffLines(splitLines(oldText), splitLines(newText), { ignoreWhitespace });
        const fromBytes = diffBuffers(Buffer.from(oldText), Buffer.from(newText), { ignoreWhitespace });
        expect(fromBytes.changes, `seed ${seed}`).toEqual(fromStrings);
      }
    }
  });

  it("gives the same result with the classic Myers algorithm from strings and bytes", () => {
    const random = seededRandom(99);
    const lines = randomLines(random, 500, "code");
    const oldText = joinLines(lines);
    const newText = joinLines(mutateLines(random, lines, 30));
    const fromStrings = diffLines(splitLines(oldText), splitLines(newText), { algorithm: "myers" });
    const fromBytes = diffBuffers(Buffer.from(oldText), Buffer.from(newText), { algorithm: "myers" });
    expect(fromBytes.changes).toEqual(fromStrings);
  });

  it("reads lines lazily from the bytes, decoding UTF-8", () => {
    const { old, new: neu } = diffBuffers(Buffer.from("caf\u00e9\r\nb"), Buffer.from("x\n"));
    expect([old.count, old.missingFinalNewline, old.line(0), old.line(1)]).toEqual([2, true, "caf\u00e9\r", "b"]);
    expect([neu.count, neu.missingFinalNewline, neu.line(0)]).toEqual([1, false, "x"]);
  });

  it("finishes on inputs that make histogram diff quadratic, with Myers", () => {
    // Every other line changed: histogram (like git's) is quadratic here,
    // which is why the patch path falls back to Myers.
    const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    const edited = lines.map((line, i) => (i % 2 === 1 ? `${line} changed` : line));
    const changes = diffLines({ lines, missingFinalNewline: false }, { lines: edited, missingFinalNewline: false }, {
      algorithm: "myers",
    });
    expect(changes).toHaveLength(50_000);
    expect(changedLines(changes)).toBe(100_000);
  });
});

describe("diffLines deadline", () => {
  const big = (): [string, string] => {
    const random = seededRandom(5);
    const lines = randomLines(random, 60_000, "code");
    return [joinLines(lines), joinLines(mutateLines(random, lines, 3_000))];
  };

  it("throws DiffBudgetExceeded when the deadline has already passed", () => {
    const [before, after] = big();
    expect(() => diffLines(splitLines(before), splitLines(after), { deadline: Date.now() - 1 })).toThrow(DiffBudgetExceeded);
    expect(() => diffBuffers(Buffer.from(before), Buffer.from(after), { deadline: Date.now() - 1 })).toThrow(DiffBudgetExceeded);
  });

  it("reads the clock during the search, not only at the start", () => {
    // A clock that moves one second per read: the deadline passes after
    // ten reads, which only a diff that checks as it goes can notice.
    let now = 0;
    vi.spyOn(Date, "now").mockImplementation(() => (now += 1_000));
    const [before, after] = big();
    expect(() => diffBuffers(Buffer.from(before), Buffer.from(after), { deadline: 10_500 })).toThrow(DiffBudgetExceeded);

    now = 0;
    expect(diffBuffers(Buffer.from("a\nb\n"), Buffer.from("a\nc\n"), { deadline: 10_500 }).changes).toHaveLength(1);
  });

  it("never throws without a deadline", () => {
    const [before, after] = big();
    expect(changedLines(diffLines(splitLines(before), splitLines(after)))).toBeGreaterThan(0);
  });
});
