import { describe, expect, it } from "vitest";
import { isPkgdiffError } from "../errors";
import { hexEcosystem } from "../registry/hex/ecosystem";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { canonicalDiffsQuery, entryKey, parseDiffsQuery, parseEntry } from "./entries";

const query = (search: string) => parseDiffsQuery(new URLSearchParams(search));

function badRequest(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isPkgdiffError(error) && error.kind === "bad_request") return error.message;
    throw error;
  }
  throw new Error("expected a bad_request");
}

describe("parseEntry", () => {
  it("splits on the last two colons: scoped names, hex: prefixes", () => {
    expect(parseEntry("@babel/core:7.0.0:7.1.0")).toEqual({ ecosystem: npmEcosystem, name: "@babel/core", from: "7.0.0", to: "7.1.0" });
    expect(parseEntry("hex:decimal:2.1.0:2.1.1")).toEqual({ ecosystem: hexEcosystem, name: "decimal", from: "2.1.0", to: "2.1.1" });
    expect(parseEntry("react:^18:latest")).toEqual({ ecosystem: npmEcosystem, name: "react", from: "^18", to: "latest" });
  });

  it("reads the `from..to` and `from..` shorthands, and an empty `to`, as single diffs do", () => {
    expect(parseEntry("react:18.2.0..18.3.1")).toMatchObject({ name: "react", from: "18.2.0", to: "18.3.1" });
    expect(parseEntry("@babel/core:7.0.0..")).toMatchObject({ name: "@babel/core", from: "7.0.0", to: undefined });
    expect(parseEntry("react:18.2.0:")).toMatchObject({ name: "react", from: "18.2.0", to: undefined });
    expect(parseEntry("hex:decimal:~> 2.0..")).toMatchObject({ ecosystem: hexEcosystem, name: "decimal", from: "~> 2.0", to: undefined });
  });

  it("names the malformed entry and says what is wrong", () => {
    expect(badRequest(() => parseEntry("react"))).toBe('The entry "react" is not <name>:<from>:<to> (no colon).');
    expect(badRequest(() => parseEntry("react:18.2.0"))).toBe('The entry "react:18.2.0" is not <name>:<from>:<to> (two versions are needed).');
    expect(badRequest(() => parseEntry(":1.0.0:2.0.0"))).toContain("the name is empty");
    expect(badRequest(() => parseEntry("react::2.0.0"))).toContain('the "from" version is empty');
    expect(badRequest(() => parseEntry("npmx:react:1.0.0:2.0.0"))).toContain('"npmx:" is not an ecosystem prefix');
    expect(badRequest(() => parseEntry("Bad Name:1.0.0:2.0.0"))).toMatch(/^The entry "Bad Name:1.0.0:2.0.0" is not <name>:<from>:<to> \(.+\)\.$/);
    expect(badRequest(() => parseEntry("react:1.0.0..2.0.0..3.0.0"))).toContain('one ".." between two versions');
  });
});

describe("parseDiffsQuery", () => {
  it("takes d= and Hex's diffs[]= entries, each once, in the order written", () => {
    const { entries, options } = query("d=react:18.2.0:18.3.1&diffs[]=hex:decimal:2.1.0:2.1.1&d=react:18.2.0:18.3.1&view=split");
    expect(entries.map(entryKey)).toEqual(["react:18.2.0:18.3.1", "hex:decimal:2.1.0:2.1.1"]);
    expect(options).toEqual({ view: "split", ignoreWhitespace: false });
  });

  it("takes up to 50 entries; 51 is a 400 that says so", () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => `d=p${i}:1.0.0:2.0.0`).join("&");
    expect(query(entries(50)).entries).toHaveLength(50);
    expect(badRequest(() => query(entries(51)))).toBe(
      "One page shows at most 50 upgrades; this link names 51. Split it into pages of 50.",
    );
  });

  it("needs at least one entry", () => {
    expect(badRequest(() => query("view=split"))).toContain("Name at least one upgrade");
  });
});

describe("canonicalDiffsQuery", () => {
  it("sorts, drops repeats and keeps names readable; the view options follow", () => {
    const entries = [parseEntry("react:18.2.0:18.3.1"), parseEntry("@babel/core:7.0.0:7.1.0"), parseEntry("react:18.2.0:18.3.1")];
    expect(canonicalDiffsQuery(entries, new URLSearchParams("w=1&d=x"))).toBe("?d=@babel/core:7.0.0:7.1.0&d=react:18.2.0:18.3.1&w=1");
  });
});
