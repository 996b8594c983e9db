import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffsHref, diffsHrefs, MAX_DIFFS_ENTRIES } from "./diffs-url.mjs";
import { parseUpgradeList } from "./upgrade-list.mjs";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseUpgradeList", () => {
  it("reads npm outdated --json: current → latest, one upgrade per package however many dependents", () => {
    const list = parseUpgradeList(fixture("npm-outdated.json"));
    expect(list.format).toBe("npm-outdated");
    expect(list.upgrades).toEqual([
      { name: "@babel/core", from: "7.24.9", to: "7.25.2" },
      { name: "eslint", from: "8.57.0", to: "9.9.1" },
      { name: "react", from: "18.2.0", to: "18.3.1" },
      { name: "typescript", from: "5.3.3", to: "5.4.5" },
    ]);
    expect(list.skipped).toEqual([{ what: "left-pad", reason: "not installed (no current version)" }]);
  });

  it("reads pnpm outdated --format json", () => {
    const list = parseUpgradeList(fixture("pnpm-outdated.json"));
    expect(list.format).toBe("pnpm-outdated");
    expect(list.upgrades).toEqual([
      { name: "vue", from: "3.4.21", to: "3.5.13" },
      { name: "@types/node", from: "20.11.30", to: "22.10.1" },
      { name: "request", from: "2.88.0", to: "2.88.2" },
    ]);
    expect(list.skipped).toEqual([{ what: "vitest", reason: "not installed (no current version)" }]);
  });

  it("reads a package-lock.json diff: changed node_modules versions, nested and scoped; added, removed and the root skipped", () => {
    const list = parseUpgradeList(fixture("package-lock.diff"));
    expect(list.format).toBe("lockfile-diff");
    expect(list.upgrades).toEqual([
      { name: "@babel/core", from: "7.24.9", to: "7.25.2" },
      { name: "react", from: "18.2.0", to: "18.3.1" },
      { name: "@types/estree", from: "1.0.5", to: "1.0.6" },
    ]);
    expect(list.skipped).toEqual([
      { what: "the root project", reason: "the project itself, not a dependency" },
      { what: "left-pad", reason: "removed, not upgraded" },
      { what: "scheduler", reason: "added, not upgraded" },
    ]);
  });

  it("reads a lockfile diff whose CRLF line ends survived the copy", () => {
    const list = parseUpgradeList(fixture("package-lock.diff").replace(/\n/g, "\r\n"));
    expect(list.upgrades.map((u) => u.name)).toEqual(["@babel/core", "react", "@types/estree"]);
  });

  it("says when a diff has no lockfile version changes", () => {
    const list = parseUpgradeList("--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-hello\n+hello world\n");
    expect(list.upgrades).toEqual([]);
    expect(list.skipped).toEqual([{ what: "the diff", reason: 'no "node_modules/…" version changes in it (lockfileVersion 2 or 3)' }]);
  });

  it("reads plain lines, with arrows, comments and hex: names; a line of another shape is skipped", () => {
    const list = parseUpgradeList(fixture("upgrades.txt"));
    expect(list.format).toBe("lines");
    expect(list.upgrades).toEqual([
      { name: "react", from: "18.2.0", to: "18.3.1" },
      { name: "@babel/core", from: "7.24.9", to: "7.25.2" },
      { name: "hex:decimal", from: "2.1.0", to: "2.1.1" },
    ]);
    expect(list.skipped).toEqual([{ what: "not-an-upgrade 1.0.0", reason: "not of the form: name from to" }]);
  });

  it("skips a package already at its latest version, and collapses repeats", () => {
    const list = parseUpgradeList("a 1.0.0 1.0.0\nb 1.0.0 2.0.0\nb 1.0.0 2.0.0\n");
    expect(list.upgrades).toEqual([{ name: "b", from: "1.0.0", to: "2.0.0" }]);
    expect(list.skipped).toEqual([{ what: "a", reason: "already at 1.0.0" }]);
  });

  it("says what is wrong with JSON that does not parse, and with nothing at all", () => {
    expect(parseUpgradeList('{"react": {"current": ')).toEqual({
      format: "invalid",
      upgrades: [],
      skipped: [{ what: "the input", reason: "it starts with { but is not valid JSON" }],
    });
    expect(parseUpgradeList("  \n")).toEqual({ format: "empty", upgrades: [], skipped: [] });
  });
});

describe("diffsHref", () => {
  it("keeps scoped names and colons readable, encodes the rest", () => {
    expect(diffsHref([{ name: "@babel/core", from: "7.0.0", to: "7.1.0+build.1" }], "http://localhost:3000")).toBe(
      "http://localhost:3000/diffs?d=@babel/core:7.0.0:7.1.0%2Bbuild.1",
    );
  });

  it("splits more than 50 upgrades into pages of 50", () => {
    const upgrades = Array.from({ length: MAX_DIFFS_ENTRIES + 1 }, (_, i) => ({ name: `p${i}`, from: "1.0.0", to: "2.0.0" }));
    const pages = diffsHrefs(upgrades);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.split("&")).toHaveLength(MAX_DIFFS_ENTRIES);
    expect(pages[1]).toBe("/diffs?d=p50:1.0.0:2.0.0");
  });
});
