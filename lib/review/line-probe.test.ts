import { describe, expect, it } from "vitest";
import { linesContaining, linesMatching, probeOf } from "./line-probe";
import type { LineSide } from "./lines";

function side(lines: string[], parts?: LineSide["parts"]): LineSide {
  const stored = lines.map((line) => `+${line}`);
  return { sign: "+", lines: stored, skip: 1, numbers: lines.map((_, i) => i + 1), longest: Math.max(0, ...stored.map((l) => l.length)), ...(parts ? { parts } : {}) };
}

describe("line probe", () => {
  it("finds the lines a regex matches in, each once, however many matches a line holds", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `const v${i} = ${i};`);
    lines[7] = "eval(a); eval(b);";
    lines[250] = "x = eval(c);";
    lines[299] = "eval(d)";
    expect([...linesMatching(probeOf(side(lines)), /eval\(/g)]).toEqual([7, 250, 299]);
    expect([...linesMatching(probeOf(side(lines)), /nothing here/g)]).toEqual([]);
  });

  it("does not let a match run from one line into the next", () => {
    // Alone, the first line ends in a process.env read; its next line must not turn it into NODE_ENV's.
    const probe = probeOf(side(["const e = process.env", "  .NODE_ENV;"]));
    expect([...linesMatching(probe, /process\.env\b(?!\s*\.\s*NODE_ENV\b)/g)]).toEqual([0]);
    expect([...linesContaining(probeOf(side(["a:/", "/b"])), "://")]).toEqual([]);
  });

  it("searches a line with a part only in its part, after the joined lines", () => {
    const probe = probeOf(side(["fetch(a)", "unchanged fetch(b) then changed", "fetch(c)"], new Map([[1, [20, 31]]])));
    expect(probe.apart).toEqual([1]);
    expect([...linesMatching(probe, /fetch\(/g)]).toEqual([0, 2]);
    expect([...linesContaining(probe, "changed")]).toEqual([1]);
  });
});
