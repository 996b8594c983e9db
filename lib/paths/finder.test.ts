import { describe, expect, it } from "vitest";
import { MatchTier, matchesPath, matchPath, rankPaths } from "./finder";

const PATHS = [
  "src/futility.js",
  "lib/util.ts",
  "util.js",
  "util",
  "docs/u-t-i-l.md",
  "lib/deep/util/index.js",
  "README.md",
];

describe("rankPaths", () => {
  it("orders exact > prefix > after '/' > substring > subsequence", () => {
    const ranked = rankPaths("util", PATHS);
    expect(ranked.map((m) => [m.path, m.tier])).toEqual([
      ["util", MatchTier.Exact],
      ["util.js", MatchTier.Prefix],
      ["lib/util.ts", MatchTier.AfterSlash],
      ["lib/deep/util/index.js", MatchTier.AfterSlash],
      ["src/futility.js", MatchTier.Substring],
      ["docs/u-t-i-l.md", MatchTier.Subsequence],
    ]);
  });

  it("counts a whole file name as exact", () => {
    expect(matchPath("util.ts", "lib/util.ts")?.match.tier).toBe(MatchTier.Exact);
    expect(matchPath("readme.md", "README.md")?.match.tier).toBe(MatchTier.Exact);
  });

  it("is case-insensitive and ignores spaces", () => {
    expect(rankPaths("READ me", PATHS)[0]?.path).toBe("README.md");
  });

  it("prefers tighter subsequences, then shorter paths", () => {
    const ranked = rankPaths("abc", ["a/x/b/x/c.js", "xabxc.js", "a-b-c/long/path.js"]);
    expect(ranked.map((m) => m.path)).toEqual(["xabxc.js", "a-b-c/long/path.js", "a/x/b/x/c.js"]);
  });

  it("returns the positions of the matched characters", () => {
    expect(matchPath("ut", "lib/util.ts")?.match.positions).toEqual([4, 5]);
    expect(matchPath("lut", "lib/util.ts")?.match.positions).toEqual([0, 4, 5]);
    expect(matchPath("xyz", "lib/util.ts")).toBeUndefined();
  });

  it("limits the results, and lists paths for an empty query", () => {
    expect(rankPaths("", PATHS, 3).map((m) => m.path)).toEqual(PATHS.slice(0, 3));
    expect(rankPaths("l", PATHS, 2)).toHaveLength(2);
  });
});

describe("matchesPath (the diff's file-tree filter)", () => {
  it("keeps a path whose letters appear in order, ignoring case and spaces", () => {
    expect(matchesPath("utl", "lib/util.ts")).toBe(true);
    expect(matchesPath("LIBU", "lib/util.ts")).toBe(true);
    expect(matchesPath("lib util", "lib/util.ts")).toBe(true);
    expect(matchesPath("lt.s", "lib/util.ts")).toBe(true);
    expect(matchesPath("", "lib/util.ts")).toBe(true);
  });

  it("drops a path that lacks a letter or has them out of order", () => {
    expect(matchesPath("tu", "lib/util.ts")).toBe(false);
    expect(matchesPath("xyz", "lib/util.ts")).toBe(false);
    expect(matchesPath("ts.l", "lib/util.ts")).toBe(false);
  });
});
