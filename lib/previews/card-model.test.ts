import { describe, expect, it } from "vitest";
import { BAR_WIDTH, cardModel, type CardInput, fitText, headlineTone, shortenMiddle } from "./card-model";

const file = (path: string, additions: number, deletions: number) => ({ path, status: "modified" as const, binary: false, additions, deletions });

const input: CardInput = {
  name: "react",
  from: "18.2.0",
  to: "18.3.1",
  ecosystemName: "npm",
  totals: { files: 7, additions: 130, deletions: 20 },
  files: [file("a.js", 60, 40), file("b.js", 10, 0), file("c.js", 0, 50), file("d.js", 1, 0), file("e.js", 2, 0), file("f.js", 3, 0), file("g.js", 0, 0)],
  headline: "1 notice",
  counts: { attention: 0, notice: 1 },
};

describe("cardModel", () => {
  it("shows the five most changed files with bars proportional to the most changed one", () => {
    const card = cardModel(input);
    expect(card.top.map((f) => f.label)).toEqual(["a.js", "c.js", "b.js", "f.js", "e.js"]);
    const [a, c, b] = card.top;
    expect(a!.addWidth + a!.delWidth).toBe(BAR_WIDTH);
    expect(a!.addWidth).toBe(108); // 60 of 100 lines
    expect(c).toMatchObject({ addWidth: 0, delWidth: 90 });
    expect(b).toMatchObject({ addWidth: 18, delWidth: 0 });
    expect(card.more).toBe(2);
    expect(card.files).toBe("7 files changed");
    expect(card.lines).toEqual({ additions: "+130", deletions: "−20" });
    expect(card.headline).toEqual({ text: "1 notice", tone: "notice" });
    expect(card.alt).toBe("react 18.2.0 → 18.3.1 · 7 files · +130 −20 · 1 notice");
  });

  it("gives a changed file a visible bar however small, and none to a file without line changes", () => {
    const card = cardModel({ ...input, files: [file("big.js", 10_000, 0), file("tiny.js", 1, 0), file("same.bin", 0, 0)] });
    expect(card.top[1]!.addWidth + card.top[1]!.delWidth).toBe(4);
    expect(card.top[2]).toMatchObject({ addWidth: 0, delWidth: 0 });
  });

  it("has no headline without a review, and shrinks a long name to fit", () => {
    const card = cardModel({ ...input, headline: undefined, counts: undefined, name: "@typescript-eslint/eslint-plugin-with-a-very-long-name" });
    expect(card.headline).toBeUndefined();
    expect(card.name.size).toBeLessThan(72);
    expect(card.name.size).toBeGreaterThanOrEqual(40);
  });
});

describe("fitText", () => {
  it("keeps short text at the largest size and cuts what does not fit at the smallest", () => {
    expect(fitText("react", 1072, 40, 72)).toEqual({ text: "react", size: 72 });
    const long = fitText("x".repeat(100), 600, 20, 40);
    expect(long.size).toBe(20);
    expect([...long.text]).toHaveLength(50);
    expect(long.text.endsWith("…")).toBe(true);
  });
});

describe("shortenMiddle", () => {
  it("cuts in the middle, keeping more of the end", () => {
    expect(shortenMiddle("short.js", 30)).toBe("short.js");
    const cut = shortenMiddle("packages/react-dom/cjs/react-dom.development.js", 30);
    expect(cut).toBe("packages/re…dom.development.js");
    expect([...cut]).toHaveLength(30);
  });
});

describe("headlineTone", () => {
  it("is red for attention, amber for notices, green otherwise", () => {
    expect(headlineTone({ attention: 1, notice: 3 })).toBe("attention");
    expect(headlineTone({ attention: 0, notice: 3 })).toBe("notice");
    expect(headlineTone({ attention: 0, notice: 0 })).toBe("clear");
    expect(headlineTone(undefined)).toBe("clear");
  });
});
