import { describe, expect, it } from "vitest";
import { splitMarked } from "./marks";
import { createSearchIndex, type SearchHit } from "./search-index";

// Most popular first, shaped like npm-high-impact's head: react-is out-downloads react.
const NAMES = [
  "lodash",
  "react-is",
  "@babel/core",
  "core-util-is",
  "@opentelemetry/core",
  "react",
  "react-dom",
  "@types/react",
  "lodash.merge",
  "@types/react-dom",
  "reactstrap",
  "@babel/cli",
  "express",
  "core-js",
  "@radix-ui/react-dialog",
  "redux",
  "JSONStream",
];

const index = createSearchIndex(NAMES);
const names = (hits: SearchHit[]) => hits.map((h) => h.name);
const marked = (hit: SearchHit | undefined) =>
  hit ? splitMarked(hit.name, hit.marks).filter((p) => p.marked).map((p) => p.text) : [];

describe("createSearchIndex: tiers", () => {
  it("puts the exact name first, even when less popular than prefix matches", () => {
    expect(names(index.search("react")).slice(0, 3)).toEqual(["react", "react-is", "react-dom"]);
    expect(index.search("react")[0]?.tier).toBe("exact");
  });

  it("orders prefix matches by popularity, lifting a family's root before its members", () => {
    // react-is (rank 1) is more popular than react (rank 5), but typing `reac` means react.
    expect(names(index.search("reac"))).toEqual(["react", "react-is", "react-dom", "reactstrap", "@types/react", "@types/react-dom", "@radix-ui/react-dialog"]);
  });

  it("ranks exact > prefix > scope > word > fuzzy", () => {
    const tiers = index.search("react", 20).map((h) => h.tier);
    const order = ["exact", "prefix", "scope", "word", "fuzzy"];
    expect([...tiers].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(tiers);
    expect(tiers).toContain("scope"); // @radix-ui/react-dialog: the part after the scope starts with it
  });

  it("finds a word inside a name", () => {
    expect(index.search("dom").map((h) => [h.name, h.tier])).toEqual([
      ["react-dom", "word"],
      ["@types/react-dom", "word"],
    ]);
  });

  it("finds typos: one in a short name, two in a long one", () => {
    expect(names(index.search("lodsh"))[0]).toBe("lodash");
    expect(index.search("lodsh")[0]?.tier).toBe("fuzzy");
    expect(names(index.search("reactdom"))[0]).toBe("react-dom");
    expect(names(index.search("expresss"))).toEqual(["express"]);
    expect(names(index.search("recat-dom"))[0]).toBe("react-dom"); // a swap is two edits
  });

  it("does not guess at typos in very short queries", () => {
    expect(names(index.search("xpr"))).toEqual([]);
  });

  it("prefers a typo in the whole name over one in the part after a scope", () => {
    expect(names(index.search("reactdom"))).toEqual(["react-dom", "@types/react-dom"]);
  });
});

describe("createSearchIndex: scoped names", () => {
  it("completes a scoped name", () => {
    expect(names(index.search("@babel/cor"))[0]).toBe("@babel/core");
    expect(names(index.search("@bab"))).toEqual(["@babel/core", "@babel/cli"]);
  });

  it("matches the part after the scope: whole as a prefix, started as the scope tier", () => {
    expect(names(index.search("core"))).toEqual(["@babel/core", "core-util-is", "@opentelemetry/core", "core-js"]);
    const cor = index.search("cor");
    expect(names(cor)).toEqual(["core-util-is", "core-js", "@babel/core", "@opentelemetry/core"]);
    expect(cor[2]?.tier).toBe("scope");
  });
});

describe("createSearchIndex: marks", () => {
  it("marks the typed prefix", () => {
    expect(marked(index.search("reac")[0])).toEqual(["reac"]);
    expect(marked(index.search("@babel/cor")[0])).toEqual(["@babel/cor"]);
  });

  it("marks the part after the scope", () => {
    const hit = index.search("core").find((h) => h.name === "@opentelemetry/core");
    expect(marked(hit)).toEqual(["core"]);
    expect(hit?.marks).toEqual([[15, 19]]);
  });

  it("marks a word inside a name", () => {
    expect(marked(index.search("dialog")[0])).toEqual(["dialog"]);
  });

  it("marks what a typo has in common with the name", () => {
    expect(marked(index.search("lodsh")[0])).toEqual(["lod", "sh"]);
    expect(marked(index.search("reactdom")[0])).toEqual(["react", "dom"]);
  });

  it("marks the whole name for an exact match, whatever the case", () => {
    const hit = index.search("jsonstream")[0];
    expect(hit?.name).toBe("JSONStream");
    expect(marked(hit)).toEqual(["JSONStream"]);
  });
});

describe("createSearchIndex: input", () => {
  it("ignores case and surrounding space, and reads inner spaces as dashes", () => {
    expect(names(index.search("  React DOM "))[0]).toBe("react-dom");
  });

  it("answers nothing for nothing", () => {
    expect(index.search("   ")).toEqual([]);
    expect(index.search("react", 0)).toEqual([]);
  });

  it("limits the hits", () => {
    expect(index.search("r", 3)).toHaveLength(3);
  });

  it("knows its names", () => {
    expect(index.has("JSONSTREAM")).toBe(true);
    expect(index.has("left-pad")).toBe(false);
    expect(index.size).toBe(NAMES.length);
  });

  it("matches typos only once they are loaded when asked to wait", async () => {
    const later = createSearchIndex(NAMES, { typos: "later" });
    expect(later.typosReady).toBe(false);
    expect(names(later.search("lodsh"))).toEqual([]);
    expect(names(later.search("reac"))[0]).toBe("react");
    await later.loadTypos();
    expect(later.typosReady).toBe(true);
    expect(names(later.search("lodsh"))[0]).toBe("lodash");
  });

  it("keeps the first of duplicate names", () => {
    const dup = createSearchIndex(["a-pkg", "b-pkg", "a-pkg"]);
    expect(dup.size).toBe(2);
    expect(names(dup.search("pkg"))).toEqual(["a-pkg", "b-pkg"]);
  });
});
