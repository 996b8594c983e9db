import { describe, expect, it } from "vitest";
import { decodeNames, decodePackage, decodeVersions } from "./messages";
import { ProtoReader, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from "./protobuf";
import { refusal } from "./test-helpers";

/*
 * Hand-made wire bytes for what the reference encoder never writes (unknown
 * fields, newer fields, broken messages). What it does write is tested
 * against hex_core's own output in signed.test.ts.
 */
function varint(value: bigint | number): number[] {
  let rest = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return out;
}
const key = (field: number, wire: number): number[] => varint(field * 8 + wire);
const bytesField = (field: number, body: number[] | string): number[] => {
  const data = typeof body === "string" ? [...Buffer.from(body, "utf8")] : body;
  return [...key(field, WIRE_LENGTH_DELIMITED), ...varint(data.length), ...data];
};
const varintField = (field: number, value: bigint | number): number[] => [...key(field, WIRE_VARINT), ...varint(value)];
const msg = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());


describe("ProtoReader", () => {
  it("reads varints up to 64 bits exactly", () => {
    const reader = new ProtoReader(msg(varint(2n ** 63n + 5n), varint(300)), "T");
    expect(reader.varint()).toBe(2n ** 63n + 5n);
    expect(reader.varint()).toBe(300n);
    expect(reader.done()).toBe(true);
  });

  it("reads a negative int32, sent as ten bytes", () => {
    const bytes = msg(varint(-3));
    expect(bytes.byteLength).toBe(10);
    expect(new ProtoReader(bytes, "T").int32()).toBe(-3);
  });

  it("refuses an int64 that a JS number cannot hold exactly", async () => {
    const error = await refusal(() => new ProtoReader(msg(varint(2n ** 60n)), "T").int64());
    expect(error.message).toContain("out of range");
  });

  it.each([
    ["a varint longer than 10 bytes", msg(key(1, WIRE_VARINT), Array(11).fill(0x80), [0]), "longer than 10 bytes"],
    ["a varint cut short", msg(key(1, WIRE_VARINT), [0x80]), "ends inside a varint"],
    ["a key cut short", msg([0x80]), "ends inside a field key"],
    ["a length past the end", msg(key(1, WIRE_LENGTH_DELIMITED), varint(50), [1, 2]), "runs past the end"],
    ["a fixed64 cut short", msg(key(1, 1), [1, 2, 3]), "fixed-width field"],
    ["a group (wire type 3)", msg(key(1, 3)), "wire type 3"],
    ["field number 0", msg([0x02, 0x00]), "field number 0"],
    ["a huge length", msg(key(1, WIRE_LENGTH_DELIMITED), Array(8).fill(0xff), [1]), "too large"],
  ])("refuses %s with a typed upstream error", async (_name, bytes, detail) => {
    const error = await refusal(() => {
      const reader = new ProtoReader(bytes, "The registry's /names");
      while (!reader.done()) reader.skip(reader.header().wire);
    });
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("The registry's /names is not a valid protobuf message");
    expect(error.message).toContain(detail);
  });

  it("refuses a string that is not UTF-8", async () => {
    const error = await refusal(() => decodeNames(msg(bytesField(2, [0xff, 0xfe])), "T"));
    expect(error.message).toContain("not valid UTF-8");
  });
});

describe("decoders", () => {
  it("skip unknown fields of every wire type, so newer registries still decode", () => {
    const entry = msg(bytesField(1, "decimal"), [...key(9, 1), 1, 2, 3, 4, 5, 6, 7, 8], [...key(10, 5), 1, 2, 3, 4], varintField(11, 7));
    const names = decodeNames(msg(bytesField(1, [...entry]), bytesField(2, "hexpm"), bytesField(15, "future")), "T");
    expect(names).toEqual({ repository: "hexpm", packages: [{ name: "decimal" }] });
  });

  it("read Names.Package.updated_at (newer hex_core) as an ISO time", () => {
    const timestamp = msg(varintField(1, 1_700_000_000), varintField(2, 250_000_000));
    const entry = msg(bytesField(1, "decimal"), bytesField(3, [...timestamp]));
    expect(decodeNames(msg(bytesField(1, [...entry])), "T").packages).toEqual([
      { name: "decimal", updatedAt: "2023-11-14T22:13:20.250Z" },
    ]);
  });

  it("read retired indexes packed and unpacked", () => {
    const entry = msg(bytesField(1, "x"), bytesField(2, "1.0.0"), bytesField(2, "1.1.0"), bytesField(3, [0, 1]), varintField(3, 1));
    expect(decodeVersions(msg(bytesField(1, [...entry])), "T").packages[0]?.retired).toEqual([0, 1, 1]);
  });

  it("map an unknown retirement reason to other and keep the message", () => {
    const retired = msg(varintField(1, 42), bytesField(2, "gone"));
    const release = msg(bytesField(1, "1.0.0"), bytesField(4, [...retired]));
    const pkg = decodePackage(msg(bytesField(1, [...release]), bytesField(2, "x"), bytesField(3, "hexpm")), "T");
    expect(pkg.releases[0]?.retired).toEqual({ reason: "other", message: "gone" });
  });

  it("refuse a known field with the wrong wire type", async () => {
    const error = await refusal(() => decodePackage(msg(varintField(2, 1)), "T"));
    expect(error.message).toContain("field 2 has wire type 0, expected 2");
  });

  it.each([
    ["a release without a version", msg(bytesField(1, [...bytesField(2, [1])])), "Release has no version"],
    ["a dependency without a requirement", msg(bytesField(1, [...bytesField(1, "1.0.0"), ...bytesField(3, [...bytesField(1, "dep")])])), "Dependency has no requirement"],
  ])("refuse %s", async (_name, bytes, detail) => {
    expect((await refusal(() => decodePackage(bytes, "T"))).message).toContain(detail);
  });
});
