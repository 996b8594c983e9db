import { describe, expect, it } from "vitest";
import { createEcosystemIndex } from "./ecosystem-index";
import { decodeIndex, encodeIndex } from "./index-format";

const npm = { ecosystem: "npm", names: ["decimal.js", "deck", "decode-uri", "decamelize", "debug", "dedent", "deep-equal", "defu", "jason"] };
const hex = { ecosystem: "hex", names: ["decimal", "jason", "telemetry"] };
const keys = (hits: { ecosystem: string; name: string }[]) => hits.map((h) => `${h.ecosystem}:${h.name}`);

describe("createEcosystemIndex", () => {
  it("narrows to one ecosystem", () => {
    const index = createEcosystemIndex([npm, hex]);
    expect(keys(index.search("dec", 8, "hex"))).toEqual(["hex:decimal"]);
    expect(keys(index.search("dec", 8, "npm")).every((k) => k.startsWith("npm:"))).toBe(true);
    expect(index.search("dec", 8, "pypi")).toEqual([]);
  });

  it("puts exact names of every ecosystem first, in index order", () => {
    const index = createEcosystemIndex([npm, hex]);
    expect(keys(index.search("jason", 8))).toEqual(["npm:jason", "hex:jason"]);
    expect(keys(index.search("decimal", 8))).toEqual(["hex:decimal", "npm:decimal.js"]);
  });

  it("keeps a row for an ecosystem whose match would be pushed past the limit", () => {
    const index = createEcosystemIndex([npm, hex]);
    const hits = index.search("de", 4);
    expect(hits).toHaveLength(4);
    expect(keys(hits)).toContain("hex:decimal");
    expect(keys(hits).filter((k) => k.startsWith("npm:"))).toHaveLength(3);
    // With room for everything, nothing is swapped.
    expect(keys(index.search("de", 20)).filter((k) => k.startsWith("npm:"))).toHaveLength(8);
  });

  it("knows which ecosystem has a name", () => {
    const index = createEcosystemIndex([npm, hex]);
    expect(index.has("hex", "Telemetry")).toBe(true);
    expect(index.has("npm", "telemetry")).toBe(false);
    expect(index.has("pypi", "decimal")).toBe(false);
    expect(index.size).toBe(npm.names.length + hex.names.length);
    expect(index.ecosystems).toEqual(["npm", "hex"]);
  });

  it("matches typos in every ecosystem once they are loaded", async () => {
    const index = createEcosystemIndex([npm, hex], { typos: "later" });
    expect(index.search("telemetri", 8)).toEqual([]);
    expect(index.typosReady).toBe(false);
    await index.loadTypos();
    expect(index.typosReady).toBe(true);
    expect(keys(index.search("telemetri", 8))).toEqual(["hex:telemetry"]);
  });
});

describe("the index format", () => {
  it("carries each ecosystem's names, in order, through encode and decode", () => {
    const text = encodeIndex([npm, hex]);
    expect(text.startsWith("pkgdiff-search-index 2\n:npm\ndecimal.js\n")).toBe(true);
    expect(decodeIndex(text)).toEqual([npm, hex]);
  });

  it("refuses what is not an index of this format", () => {
    expect(() => decodeIndex("<html>")).toThrow(/Not a pkgdiff search index/);
    expect(() => decodeIndex("pkgdiff-search-index 1\nreact\n")).toThrow(/Not a pkgdiff search index/);
    expect(() => decodeIndex("pkgdiff-search-index 2\nreact\n")).toThrow(/before its ecosystem/);
  });
});
