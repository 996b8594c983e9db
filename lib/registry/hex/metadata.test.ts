import { beforeAll, describe, expect, it } from "vitest";
import { type HexFixtureRepository, buildHexRepository } from "../../../fixtures/hex/build-repo";
import { parseHexMetadata } from "./metadata";
import { outerFiles, refusal } from "./test-helpers";

let repo: HexFixtureRepository;
beforeAll(async () => {
  repo = await buildHexRepository();
}, 180_000);

async function metadataOf(tarball: string): Promise<Buffer> {
  const files = await outerFiles(repo.files.get(`tarballs/${tarball}.tar`) ?? new Uint8Array());
  const config = files.get("metadata.config");
  if (config === undefined) throw new Error(`${tarball} has no metadata.config`);
  return config;
}

describe("parseHexMetadata", () => {
  it("turns hex_core's metadata.config into typed metadata", async () => {
    expect(parseHexMetadata(await metadataOf("decimal-2.1.1"))).toEqual({
      name: "decimal",
      version: "2.1.1",
      app: "decimal",
      description: "Arbitrary precision decimal arithmetic",
      licenses: ["Apache-2.0"],
      maintainers: [],
      links: [{ name: "GitHub", url: "https://example.invalid/decimal" }],
      requirements: [
        { name: "jason", requirement: "~> 1.4", optional: false, app: "jason" },
        { name: "telemetry", requirement: "~> 1.2", optional: true, app: "telemetry" },
      ],
      buildTools: ["mix"],
      elixir: "~> 1.8",
      files: [".formatter.exs", "CHANGELOG.md", "LICENSE", "README.md", "lib/decimal.ex", "lib/decimal/context.ex", "mix.exs"],
    });
  });

  it("reads the legacy requirements shape: a kvlist per dependency with its name inside", () => {
    const config = [
      '{<<"name">>,<<"old">>}.',
      '{<<"version">>,<<"0.1.0">>}.',
      '{<<"maintainers">>,[<<"Someone">>]}.',
      '{<<"requirements">>,[[{<<"name">>,<<"plug">>},{<<"app">>,<<"plug">>},{<<"optional">>,false},{<<"requirement">>,<<"~> 1.0">>}],',
      '                    [{<<"name">>,<<"cowboy">>},{<<"optional">>,true},{<<"requirement">>,<<">= 1.0.0">>},{<<"app">>,nil}]]}.',
    ].join("\n");
    const metadata = parseHexMetadata(config);
    expect(metadata.requirements).toEqual([
      { name: "cowboy", requirement: ">= 1.0.0", optional: true },
      { name: "plug", requirement: "~> 1.0", optional: false, app: "plug" },
    ]);
    expect(metadata.maintainers).toEqual(["Someone"]);
    expect(metadata.files).toEqual([]);
    expect(metadata.description).toBeUndefined();
  });

  it("drops values of an unexpected type instead of failing", () => {
    const metadata = parseHexMetadata('{<<"name">>,<<"x">>}.\n{<<"version">>,<<"1.0.0">>}.\n{<<"licenses">>,nil}.\n{<<"elixir">>,nil}.\n{<<"links">>,[{<<"a">>,1}]}.');
    expect(metadata).toMatchObject({ licenses: [], links: [], requirements: [] });
    expect(metadata.elixir).toBeUndefined();
  });

  it.each([
    ["a term that is not a pair", '{<<"name">>,<<"x">>}.\n[1].', "{Key, Value} pair"],
    ["an atom key", "{name, <<\"x\">>}.", "{Key, Value} pair"],
    ["no version", '{<<"name">>,<<"x">>}.', "it has no version"],
    ["no name", '{<<"version">>,<<"1.0.0">>}.', "it has no name"],
  ])("refuses %s", async (_name, config, detail) => {
    const error = await refusal(() => parseHexMetadata(config));
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain(detail);
  });

  it("refuses the hostile package's metadata, which holds a fun", async () => {
    const error = await refusal(async () => parseHexMetadata(await metadataOf("hostile_metadata-1.0.0")));
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain("funs are not allowed");
  });
});
