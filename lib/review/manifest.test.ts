import { describe, expect, it } from "vitest";

import { file, tree } from "../diff/test-helpers";
import { diffFile } from "../diff/file-diff";
import { canonicalJson, keyAnchors, readManifest, stringEntries } from "./manifest";

describe("readManifest", () => {
  it("parses the tree's package.json", () => {
    expect(readManifest(tree([file("package.json", '{"name":"a","version":"1.0.0"}')]))).toEqual({ name: "a", version: "1.0.0" });
  });

  it("is undefined for a missing, broken or non-object manifest", () => {
    expect(readManifest(tree([]))).toBeUndefined();
    expect(readManifest(tree([file("package.json", "{oops")]))).toBeUndefined();
    expect(readManifest(tree([file("package.json", "[1]")]))).toBeUndefined();
  });
});

describe("stringEntries and canonicalJson", () => {
  it("keeps string values, sorted by key", () => {
    expect(stringEntries({ b: "2", a: "1", c: 3 })).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
    expect(stringEntries(["x"])).toEqual([]);
  });

  it("compares objects whatever their key order, arrays in order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson(undefined)).toBe("null");
  });
});

describe("keyAnchors", () => {
  const before = '{\n  "scripts": {\n    "test": "vitest"\n  }\n}\n';
  const after = '{\n  "scripts": {\n    "test": "vitest",\n    "postinstall": "node x.js",\n    "note": "postinstall"\n  }\n}\n';
  const diff = diffFile(file("package.json", before), file("package.json", after), { maxFileBytes: 1 << 20, budgetMs: 10_000 })!;

  it("finds the added line that sets the key", () => {
    expect(keyAnchors(diff, "postinstall", "+")).toEqual(["file-package.json-R4"]);
  });

  it("ignores the key's name used as a value, and other signs", () => {
    expect(keyAnchors(diff, "note", "+")).toEqual(["file-package.json-R5"]);
    expect(keyAnchors(diff, "postinstall", "-")).toEqual([]);
    expect(keyAnchors(undefined, "postinstall", "+")).toEqual([]);
  });
});
