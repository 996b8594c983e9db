import { describe, expect, it } from "vitest";
import { buildHexRepository } from "../../../fixtures/hex/build-repo";
import { parseErlangTerms } from "./erlang-terms";
import { outerFiles, refusal } from "./test-helpers";

describe("parseErlangTerms", () => {
  it("reads the metadata.config hex_core wrote", async () => {
    const repo = await buildHexRepository();
    const tar = repo.files.get("tarballs/decimal-2.1.1.tar");
    const config = (await outerFiles(tar ?? new Uint8Array())).get("metadata.config");
    const terms = parseErlangTerms(config ?? new Uint8Array());
    expect(terms).toContainEqual({ tuple: ["name", "decimal"] });
    expect(terms).toContainEqual({ tuple: ["links", [{ tuple: ["GitHub", "https://example.invalid/decimal"] }]] });
    expect(terms).toContainEqual({
      tuple: [
        "requirements",
        [
          { tuple: ["jason", [{ tuple: ["app", "jason"] }, { tuple: ["optional", false] }, { tuple: ["requirement", "~> 1.4"] }]] },
          { tuple: ["telemetry", [{ tuple: ["app", "telemetry"] }, { tuple: ["optional", true] }, { tuple: ["requirement", "~> 1.2"] }]] },
        ],
      ],
    });
  }, 180_000);

  it.each([
    ["bytes, as older hex_core writes non-ASCII", "<<99,97,102,195,169>>", "café"],
    ["/utf8, as newer hex_core writes it", '<<"café ☕"/utf8>>', "café ☕"],
    ["mixed segments", '<<"a", 98, "c"/utf8>>', "abc"],
    ["an empty binary", "<<>>", ""],
    ["escapes", String.raw`<<"q\"b\\s\n\t\x41\x{263A}\101\s"/utf8>>`, 'q"b\\s\n\tA☺A '],
    ["a code point past 255 without /utf8, cut to its low byte as Erlang does", String.raw`<<"\x{263A}">>`, ":"],
    ["a string", '"plain"', "plain"],
    ["bytes that are not UTF-8, as Latin-1", "<<0,1,255>>", "\u0000\u0001ÿ"],
  ])("reads a binary from %s", (_name, source, expected) => {
    expect(parseErlangTerms(`{<<"k">>, ${source}}.`)).toEqual([{ tuple: ["k", expected] }]);
  });

  it("reads atoms, booleans, numbers, lists and tuples, with comments", () => {
    const source = "% a comment\n{nil, 'Quoted atom', true, false, 42, -3, 1.5, 2.5e3, 16#ff, [], [a, [b]], {}}. % after\n";
    expect(parseErlangTerms(source)).toEqual([
      { tuple: [{ atom: "nil" }, { atom: "Quoted atom" }, true, false, 42, -3, 1.5, 2500, 255, [], [{ atom: "a" }, [{ atom: "b" }]], { tuple: [] }] },
    ]);
  });

  it.each([
    ["a fun", '{<<"k">>, fun() -> ok end}.', "funs are not allowed"],
    ["a map", '{<<"k">>, #{a => 1}}.', "maps are not part of Hex metadata"],
    ["a pid", '{<<"k">>, <0.1.0>}.', "pids are not allowed"],
    ["a ref", '{<<"k">>, #Ref<0.1.2.3>}.', "records, funs and refs are not allowed"],
    ["a variable", '{<<"k">>, X}.', "variables are not allowed"],
    ["a remote call", '{<<"k">>, os:cmd("id")}.', "function calls are not allowed"],
    ["a local call", '{<<"k">>, halt()}.', "function calls are not allowed"],
    ["an improper list", "[a | b].", "expected ','"],
    ["an unclosed string", '{<<"k">>, <<"abc>>}.', "string is not closed"],
    ["a missing dot", '{<<"k">>, 1}', "expected '.'"],
    ["a byte past 255", "<<256>>.", "must be a byte"],
    ["a huge integer", "123456789012345678901234567890.", "too large"],
    ["an operator", "1 + 2.", "expected '.'"],
  ])("refuses %s with a clear bad_tarball error", async (_name, source, detail) => {
    const error = await refusal(() => parseErlangTerms(source));
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain("metadata.config is not valid Hex metadata");
    expect(error.message).toContain(detail);
  });

  it("says on which line it stopped", async () => {
    expect((await refusal(() => parseErlangTerms('{<<"a">>, 1}.\n{<<"b">>, X}.'))).message).toContain("(line 2)");
  });

  it("refuses nesting past the bound without overflowing the stack", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}.`;
    const error = await refusal(() => parseErlangTerms(deep));
    expect(error.message).toContain("nested more than 64 deep");
    expect(parseErlangTerms(`${"[".repeat(64)}${"]".repeat(64)}.`)).toHaveLength(1);
  });

  it("refuses an input past the size bound before reading it", async () => {
    const error = await refusal(() => parseErlangTerms(new Uint8Array(2000), { maxBytes: 1000 }));
    expect(error.kind).toBe("too_large");
  });
});
