import { describe, expect, it } from "vitest";
import type { SearchApiAnswer } from "./api-types";
import type { EcosystemHit } from "./ecosystem-index";
import { mergeOptions, optionKey } from "./options";

const hit = (name: string, ecosystem = "npm"): EcosystemHit => ({ ecosystem, name, rank: 0, tier: "prefix", marks: [[0, 3]] });
const answer = (over: Partial<SearchApiAnswer>): SearchApiAnswer => ({
  query: "dem",
  check: "skipped",
  registry: { status: "ok", results: [] },
  ...over,
});

describe("mergeOptions", () => {
  it("lists local hits, then registry results not listed yet", () => {
    const options = mergeOptions(
      [hit("demo-pkg")],
      answer({
        registry: {
          status: "ok",
          results: [
            { ecosystem: "npm", name: "Demo-Pkg", version: "1.2.0" },
            { ecosystem: "npm", name: "demo-tools", version: "3.0.0", description: "Tools" },
          ],
        },
      }),
      "dem",
    );
    expect(options.map((o) => [o.name, o.source])).toEqual([
      ["demo-pkg", "index"],
      ["demo-tools", "registry"],
    ]);
    expect(options[1]).toMatchObject({ ecosystem: "npm", version: "3.0.0", description: "Tools", marks: [[0, 3]] });
  });

  it("keeps the same name of two ecosystems as two rows", () => {
    const options = mergeOptions(
      [hit("jason", "hex")],
      answer({ query: "jason", check: "found", package: { ecosystem: "npm", name: "jason", latest: "1.0.0" } }),
      "jason",
    );
    expect(options.map(optionKey)).toEqual(["npm:jason", "hex:jason"]);
  });

  it("puts a name the registry check found first", () => {
    const options = mergeOptions(
      [hit("rarely")],
      answer({ query: "rarely-used", check: "found", package: { ecosystem: "npm", name: "rarely-used", latest: "0.2.0" } }),
      "rarely-used",
    );
    expect(options[0]).toEqual({ ecosystem: "npm", name: "rarely-used", source: "check", version: "0.2.0", marks: [[0, 11]] });
  });

  it("does not list a checked name twice when the index has it", () => {
    const options = mergeOptions(
      [hit("decimal", "hex")],
      answer({ query: "hex:decimal", check: "found", package: { ecosystem: "hex", name: "decimal", latest: "2.1.1" } }),
      "decimal",
    );
    expect(options.map((o) => [optionKey(o), o.source])).toEqual([["hex:decimal", "index"]]);
  });

  it("caps the registry's results and works without any", () => {
    const results = Array.from({ length: 9 }, (_, i) => ({ ecosystem: "npm", name: `pkg-${i}`, version: "1.0.0" }));
    expect(mergeOptions([], answer({ registry: { status: "ok", results } }), "pkg", 3)).toHaveLength(3);
    expect(mergeOptions([hit("a")], undefined, "a")).toHaveLength(1);
  });
});
