import { PkgdiffError } from "../../errors";

/**
 * The protobuf wire format, only as much as Hex's registry messages need
 * (https://protobuf.dev/programming-guides/encoding/): varints, length-
 * delimited fields, and skipping the fixed-width and unknown fields a newer
 * registry may add. Every read is bounds-checked; anything truncated or
 * malformed is a `PkgdiffError("upstream")` naming the resource, never a
 * RangeError escaping from a typed array.
 */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

/** A varint is at most 10 bytes (64 bits, 7 per byte). */
const MAX_VARINT_BYTES = 10;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export interface FieldHeader {
  field: number;
  wire: number;
}

/**
 * A cursor over one message's bytes. `what` names the message in errors
 * ("The registry's /packages/decimal"; a sentence starts with it), so a user learns which resource
 * was broken.
 *
 * @example
 * const reader = new ProtoReader(bytes, "The registry's /names");
 * while (!reader.done()) {
 *   const { field, wire } = reader.header();
 *   if (field === 2 && wire === WIRE_LENGTH_DELIMITED) repository = reader.string();
 *   else reader.skip(wire);
 * }
 */
export class ProtoReader {
  private pos = 0;

  constructor(
    private readonly bytes: Uint8Array,
    readonly what: string,
  ) {}

  done(): boolean {
    return this.pos >= this.bytes.byteLength;
  }

  /** The next field's number and wire type. */
  header(): FieldHeader {
    const key = this.smallVarint("a field key");
    const field = Math.floor(key / 8);
    const wire = key % 8;
    // Field 0 does not exist; numbers above 2^29-1 are reserved by the format.
    if (field === 0 || field > 0x1fffffff) this.fail(`field number ${field} is invalid`);
    return { field, wire };
  }

  /** A full 64-bit varint, exact (as a bigint). */
  varint(): bigint {
    let value = 0n;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const byte = this.byte("a varint");
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, value);
    }
    return this.fail("a varint is longer than 10 bytes");
  }

  /** `int32` and enums: the low 32 bits, signed (negative ones are sent as 10-byte varints). */
  int32(): number {
    return Number(BigInt.asIntN(32, this.varint()));
  }

  /** `int64`, refused when it does not fit a JS number exactly. */
  int64(): number {
    const value = BigInt.asIntN(64, this.varint());
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      this.fail(`an int64 value ${value} is out of range`);
    }
    return Number(value);
  }

  bool(): boolean {
    return this.varint() !== 0n;
  }

  /** The body of a length-delimited field, as a view (no copy). */
  bytesField(): Uint8Array {
    const length = this.smallVarint("a length");
    if (length > this.bytes.byteLength - this.pos) {
      this.fail(`a field of ${length} bytes runs past the end of the message`);
    }
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  string(): string {
    const body = this.bytesField();
    try {
      return utf8.decode(body);
    } catch {
      return this.fail("a string is not valid UTF-8");
    }
  }

  /** Skips a field this decoder does not know; groups (wire types 3 and 4) are refused, as proto3 has none. */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_LENGTH_DELIMITED:
        this.bytesField();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        this.fail(`wire type ${wire} is not supported`);
    }
  }

  /** Refuses a known field sent with the wrong wire type (a different schema, or garbage). */
  expect(header: FieldHeader, wire: number): void {
    if (header.wire !== wire) this.fail(`field ${header.field} has wire type ${header.wire}, expected ${wire}`);
  }

  fail(detail: string): never {
    throw malformed(this.what, detail);
  }

  /** A varint used as a key or a length: must fit comfortably in a JS number. */
  private smallVarint(role: string): number {
    let value = 0;
    for (let i = 0; i < 8; i++) {
      const byte = this.byte(role);
      value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    return this.fail(`${role} is too large`);
  }

  private byte(role: string): number {
    const byte = this.bytes[this.pos];
    if (byte === undefined) this.fail(`the message ends inside ${role}`);
    this.pos += 1;
    return byte;
  }

  private advance(count: number): void {
    if (count > this.bytes.byteLength - this.pos) this.fail("a fixed-width field runs past the end of the message");
    this.pos += count;
  }
}

/**
 * Reads every field of one message, handing each to `onField`; the
 * handler returns false for a field it does not know, which is then skipped.
 */
export function readMessage(bytes: Uint8Array, what: string, onField: (reader: ProtoReader, header: FieldHeader) => boolean): void {
  const reader = new ProtoReader(bytes, what);
  while (!reader.done()) {
    const header = reader.header();
    if (!onField(reader, header)) reader.skip(header.wire);
  }
}

/** The error for a message that is not what its schema says, worded the same for bytes and shape. */
export function malformed(what: string, detail: string): PkgdiffError {
  return new PkgdiffError("upstream", `${what} is not a valid protobuf message: ${detail}`);
}
