import { describe, expect, it } from "vitest";
import type { SearchApiAnswer } from "./api-types";
import { mergeOptions } from "./options";
import type { SearchHit } from "./search-index";

const hit = (name: string): SearchHit => ({ name, rank: 0, tier: "prefix", marks: [[0, 3]] });
const answer = (over: Partial<SearchApiAnswer>): SearchApiAnswer => ({
  query: "dem",
  check: "skipped",
  registry: { status: "ok", results: [] },
  ...over,
});

describe("mergeOptions", () => {
  it("lists local hits, then registry results not listed yet", () => {
    const options = mergeOptions([hit("demo-pkg")], answer({
      registry: {
        status: "ok",
        results: [
          { name: "Demo-Pkg", version: "1.2.0" },
          { name: "demo-tools", version: "3.0.0", description: "Tools" },
        ],
      },
    }), "dem");
    expect(options.map((o) => [o.name, o.source])).toEqual([
      ["demo-pkg", "index"],
      ["demo-tools", "registry"],
    ]);
    expect(options[1]).toMatchObject({ version: "3.0.0", description: "Tools", marks: [[0, 3]] });
  });

  it("puts a name the registry check found first", () => {
    const options = mergeOptions(
      [hit("rarely")],
      answer({ query: "rarely-used", check: "found", package: { name: "rarely-used", latest: "0.2.0" } }),
      "rarely-used",
    );
    expect(options[0]).toEqual({ name: "rarely-used", source: "check", version: "0.2.0", marks: [[0, 11]] });
  });

  it("caps the registry's results and works without any", () => {
    const results = Array.from({ length: 9 }, (_, i) => ({ name: `pkg-${i}`, version: "1.0.0" }));
    expect(mergeOptions([], answer({ registry: { status: "ok", results } }), "pkg", 3)).toHaveLength(3);
    expect(mergeOptions([hit("a")], undefined, "a")).toHaveLength(1);
  });
});
