import { describe, expect, it } from "vitest";
import { NOTHING_OF_NOTE } from "../review/summarize";
import { browsePreviewText, type DiffPreviewInput, diffListPreviewText, diffPreviewText, shortHeadline, topFiles, upgradeListPreviewText } from "./text";

const file = (path: string, additions: number, deletions: number, extra: Partial<DiffPreviewInput["files"][number]> = {}) => ({
  path,
  status: "modified" as const,
  binary: false,
  additions,
  deletions,
  ...extra,
});

const react: DiffPreviewInput = {
  name: "react",
  from: "18.2.0",
  to: "18.3.1",
  totals: { files: 8, additions: 130, deletions: 20 },
  files: [
    file("package.json", 1, 1),
    file("cjs/react.development.js", 80, 12),
    file("cjs/react.production.min.js", 30, 5),
    file("logo.png", 0, 0, { binary: true, status: "binary" }),
    file("index.js", 19, 2),
  ],
  headline: NOTHING_OF_NOTE,
};

describe("diffPreviewText", () => {
  it("says what changed in the title and more in the description", () => {
    expect(diffPreviewText(react)).toEqual({
      title: "react 18.2.0 → 18.3.1 · 8 files · +130 −20 · no install scripts",
      description:
        "8 files changed, +130 −20. No install scripts, no new dependencies, no risky code added. " +
        "Most changed: cjs/react.development.js (+80 −12), cjs/react.production.min.js (+30 −5), index.js (+19 −2), …",
    });
  });

  it("keeps a headline that needs attention whole, names the ecosystem, and counts one file as one", () => {
    const text = diffPreviewText({
      name: "decimal",
      from: "2.0.0",
      to: "2.1.1",
      ecosystemLabel: "Hex",
      totals: { files: 1, additions: 1200, deletions: 0 },
      files: [file("lib/decimal.ex", 1200, 0, { oldPath: "lib/old.ex", status: "renamed" })],
      headline: "2 things need attention · 1 notice",
    });
    expect(text.title).toBe("decimal 2.0.0 → 2.1.1 (Hex) · 1 file · +1,200 −0 · 2 things need attention · 1 notice");
    expect(text.description).toBe("1 file changed, +1,200 −0. 2 things need attention · 1 notice. Most changed: lib/old.ex → lib/decimal.ex (+1,200 −0)");
  });

  it("has no headline part without a review, and says when nothing changed", () => {
    expect(diffPreviewText({ ...react, headline: undefined }).title).toBe("react 18.2.0 → 18.3.1 · 8 files · +130 −20");
    const same = diffPreviewText({ ...react, totals: { files: 0, additions: 0, deletions: 0 }, files: [] });
    expect(same).toEqual({ title: "react 18.2.0 → 18.3.1 · 0 files", description: "react 18.2.0 → 18.3.1: the two versions have identical files." });
  });

  it("names a file without line changes by its status", () => {
    const text = diffPreviewText({ ...react, totals: { files: 1, additions: 0, deletions: 0 }, files: [file("logo.png", 0, 0, { binary: true, status: "binary" })] });
    expect(text.description).toContain("Most changed: logo.png (binary)");
  });
});

describe("topFiles", () => {
  it("orders by changed lines, then path, and keeps the count asked for", () => {
    const files = [file("b", 2, 0), file("a", 1, 1), file("c", 5, 0), file("z", 0, 0)];
    expect(topFiles(files, 3).map((f) => f.path)).toEqual(["c", "a", "b"]);
    expect(topFiles(files, 10).map((f) => f.path)).toEqual(["c", "a", "b", "z"]);
    expect(topFiles(files, 0)).toEqual([]);
  });
});

describe("shortHeadline", () => {
  it.each([
    [NOTHING_OF_NOTE, "no install scripts"],
    ["1 notice", "1 notice"],
    ["3 things need attention · 2 notices", "3 things need attention · 2 notices"],
  ])("%s → %s", (headline, short) => {
    expect(shortHeadline(headline)).toBe(short);
  });
});

describe("diffListPreviewText", () => {
  const next: DiffPreviewInput = { name: "next", from: "14.2.3", to: "14.2.5", totals: { files: 40, additions: 900, deletions: 300 }, files: [], headline: "1 notice" };
  const lodash: DiffPreviewInput = { name: "lodash", from: "4.17.20", to: "4.17.21", totals: { files: 2, additions: 3, deletions: 1 }, files: [] };

  it("names the first upgrades, sums the totals and lists each", () => {
    expect(diffListPreviewText([react, next, lodash])).toEqual({
      title: "3 upgrades: react 18.2.0 → 18.3.1, next 14.2.3 → 14.2.5, +1 more",
      description:
        "50 files changed in all, +1,033 −321. react 18.2.0 → 18.3.1: 8 files, +130 −20, no install scripts. " +
        "next 14.2.3 → 14.2.5: 40 files, +900 −300, 1 notice. lodash 4.17.20 → 4.17.21: 2 files, +3 −1.",
    });
    expect(diffListPreviewText([react, next]).title).toBe("2 upgrades: react 18.2.0 → 18.3.1, next 14.2.3 → 14.2.5");
  });

  it("reads like one diff for one entry, and says when there is none", () => {
    expect(diffListPreviewText([react])).toEqual(diffPreviewText(react));
    expect(diffListPreviewText([]).title).toBe("No upgrades");
  });
});

describe("upgradeListPreviewText", () => {
  const upgrade = (name: string, ecosystemLabel?: string) => ({ name, from: "1.0.0", to: "1.1.0", ...(ecosystemLabel ? { ecosystemLabel } : {}) });

  it("names the first two upgrades in the title and up to six in the description", () => {
    const text = upgradeListPreviewText(["a", "b", "c", "d", "e", "f", "g", "h"].map((name) => upgrade(name)));
    expect(text.title).toBe("8 upgrades: a 1.0.0 → 1.1.0, b 1.0.0 → 1.1.0, +6 more");
    expect(text.description).toBe(
      "What changed in a 1.0.0 → 1.1.0, b 1.0.0 → 1.1.0, c 1.0.0 → 1.1.0, d 1.0.0 → 1.1.0, e 1.0.0 → 1.1.0, f 1.0.0 → 1.1.0 and 2 more: every file's diff and each package's review summary.",
    );
  });

  it("joins a short list with 'and' and labels another ecosystem's packages", () => {
    const text = upgradeListPreviewText([upgrade("react"), upgrade("decimal", "Hex")]);
    expect(text.title).toBe("2 upgrades: react 1.0.0 → 1.1.0, decimal 1.0.0 → 1.1.0 (Hex)");
    expect(text.description).toBe("What changed in react 1.0.0 → 1.1.0 and decimal 1.0.0 → 1.1.0 (Hex): every file's diff and each package's review summary.");
    expect(upgradeListPreviewText([upgrade("react")]).title).toBe("1 upgrade: react 1.0.0 → 1.1.0");
  });
});

describe("browsePreviewText", () => {
  const totals = { files: 12, bytes: 318_000 };
  it("describes the package root and a path in it", () => {
    expect(browsePreviewText({ name: "react", version: "18.3.1", path: "", kind: "folder", totals })).toEqual({
      title: "react@18.3.1 · source",
      description: "Browse the published source of react@18.3.1: 12 files, 310.5 KiB.",
    });
    expect(browsePreviewText({ name: "decimal", version: "2.1.1", ecosystemLabel: "Hex", path: "lib/decimal.ex", kind: "file", totals })).toEqual({
      title: "lib/decimal.ex · decimal@2.1.1 (Hex)",
      description: "The file lib/decimal.ex as published in decimal@2.1.1 (Hex) (12 files, 310.5 KiB in all).",
    });
    expect(browsePreviewText({ name: "react", version: "18.3.1", path: "cjs", kind: "folder", totals }).description).toMatch(/^The folder cjs /);
  });
});
