import { PkgdiffError } from "../../errors";

/**
 * A safe reader for the Erlang terms Hex writes in `metadata.config`
 * (https://github.com/hexpm/specifications/blob/main/package_metadata.md):
 * `Term.` after `Term.`, where a term is a binary (`<<"text">>`,
 * `<<"text"/utf8>>`, `<<99,97>>`), a string, an atom (`nil`, `'Quoted'`),
 * an integer or float, a list or a tuple. It evaluates nothing: funs,
 * pids, refs, maps, records, variables and operators are refused, as
 * hex_core's safe_erl_term refuses them, and so are inputs past a size or
 * nesting bound. Errors are `bad_tarball` (the package is malformed).
 */
export type ErlTerm = string | number | boolean | ErlAtom | ErlTuple | ErlTerm[];

/** Atoms other than `true` and `false` (those read as booleans). */
export interface ErlAtom {
  atom: string;
}

export interface ErlTuple {
  tuple: ErlTerm[];
}

export interface TermLimits {
  /** Default 4 MiB: metadata lists every file name, and big packages have thousands. */
  maxBytes?: number;
  /** Default 64: Hex's deepest is a requirement's kvlist, four levels down. */
  maxDepth?: number;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", e: "\x1b", s: " ", d: "\x7f" };
const latin1 = new TextDecoder("latin1");

/**
 * The terms of a `file:consult/1` file. Bytes are read as UTF-8, else as
 * Latin-1 (as hex_core does for old metadata); a binary's bytes become a
 * string the same way.
 *
 * @example
 * parseErlangTerms('{<<"name">>,<<"decimal">>}.\n{<<"licenses">>,[<<"Apache-2.0">>]}.\n');
 * // [{ tuple: ["name", "decimal"] }, { tuple: ["licenses", ["Apache-2.0"]] }]
 */
export function parseErlangTerms(input: string | Uint8Array, limits: TermLimits = {}): ErlTerm[] {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size > maxBytes) {
    throw new PkgdiffError("too_large", `metadata.config is ${size} bytes, more than the ${maxBytes}-byte limit for package metadata`);
  }
  const text = typeof input === "string" ? input : decodeText(input);
  return new TermParser(text, limits.maxDepth ?? DEFAULT_MAX_DEPTH).terms();
}

function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

class TermParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  terms(): ErlTerm[] {
    const out: ErlTerm[] = [];
    for (this.space(); this.pos < this.text.length; this.space()) {
      out.push(this.term(0));
      this.space();
      if (this.text[this.pos] !== ".") this.fail("expected '.' after a term");
      this.pos += 1;
    }
    return out;
  }

  private term(depth: number): ErlTerm {
    if (depth > this.maxDepth) this.fail(`terms are nested more than ${this.maxDepth} deep`);
    this.space();
    const char = this.text[this.pos];
    if (char === undefined) return this.fail("the file ends where a term should be");
    if (char === "<" && this.text[this.pos + 1] === "<") return this.binary();
    if (char === "[") return this.sequence("[", "]", depth);
    if (char === "{") return { tuple: this.sequence("{", "}", depth) };
    if (char === '"') return this.quoted('"');
    if (char === "'") return atomValue(this.quoted("'"));
    if (/[0-9-]/.test(char)) return this.number();
    if (/[a-z]/.test(char)) return this.bareAtom();
    if (char === "#") return this.fail(this.text.startsWith("#{", this.pos) ? "maps are not part of Hex metadata" : "records, funs and refs are not allowed");
    if (char === "<") return this.fail("pids are not allowed");
    if (/[A-Z_]/.test(char)) return this.fail("variables are not allowed");
    return this.fail(`unexpected ${JSON.stringify(char)}`);
  }

  /** `[a, b]` or `{a, b}`; improper lists (`[a | b]`) are refused. */
  private sequence(open: string, close: string, depth: number): ErlTerm[] {
    this.pos += open.length;
    const items: ErlTerm[] = [];
    this.space();
    if (this.text[this.pos] === close) {
      this.pos += 1;
      return items;
    }
    for (;;) {
      items.push(this.term(depth + 1));
      this.space();
      const next = this.text[this.pos];
      this.pos += 1;
      if (next === close) return items;
      if (next !== ",") this.fail(`expected ',' or '${close}'`);
    }
  }

  /** `<<>>`, `<<"text">>`, `<<"text"/utf8>>`, `<<1,2,3>>`, or segments of these mixed. */
  private binary(): string {
    this.pos += 2;
    const bytes: number[] = [];
    this.space();
    if (this.text.startsWith(">>", this.pos)) {
      this.pos += 2;
      return "";
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] === '"') {
        const text = this.quoted('"');
        this.space();
        if (this.text.startsWith("/utf8", this.pos)) {
          this.pos += 5;
          bytes.push(...new TextEncoder().encode(text));
        } else {
          // Without /utf8 each character is one byte, as Erlang keeps its low 8 bits.
          for (const char of text) bytes.push((char.codePointAt(0) ?? 0) & 0xff);
        }
      } else {
        const value = this.number();
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 255) {
          this.fail("a binary segment must be a byte (0-255) or a string");
        }
        bytes.push(value);
      }
      this.space();
      if (this.text.startsWith(">>", this.pos)) {
        this.pos += 2;
        return decodeText(Uint8Array.from(bytes));
      }
      if (this.text[this.pos] !== ",") this.fail("expected ',' or '>>' in a binary");
      this.pos += 1;
    }
  }

  /** A `"string"` or `'atom'` with Erlang's escapes. */
  private quoted(quote: string): string {
    this.pos += 1;
    let out = "";
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) return this.fail(`a ${quote === '"' ? "string" : "quoted atom"} is not closed`);
      this.pos += 1;
      if (char === quote) return out;
      out += char === "\\" ? this.escape() : char;
    }
  }

  /** After a backslash (https://www.erlang.org/doc/reference_manual/data_types.html#escape-sequences). */
  private escape(): string {
    const char = this.text[this.pos];
    if (char === undefined) return this.fail("an escape is cut short");
    this.pos += 1;
    if (Object.hasOwn(SIMPLE_ESCAPES, char)) return SIMPLE_ESCAPES[char] ?? "";
    if (/[0-7]/.test(char)) {
      const digits = char + (this.text.slice(this.pos, this.pos + 2).match(/^[0-7]{0,2}/)?.[0] ?? "");
      this.pos += digits.length - 1;
      return String.fromCodePoint(parseInt(digits, 8));
    }
    if (char === "x") {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.text.slice(this.pos, this.pos + 8));
      const plain = /^[0-9a-fA-F]{2}/.exec(this.text.slice(this.pos, this.pos + 2));
      const digits = braced?.[1] ?? plain?.[0];
      if (digits === undefined) return this.fail("a \\x escape has no hex digits");
      this.pos += braced ? braced[0].length : 2;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) return this.fail("a \\x escape is past the last code point");
      return String.fromCodePoint(code);
    }
    if (char === "^") {
      const control = this.text[this.pos];
      if (control === undefined) return this.fail("an escape is cut short");
      this.pos += 1;
      return String.fromCharCode(control.charCodeAt(0) % 32);
    }
    return char;
  }

  /** Integers (also `16#ff`) and floats; only what a JS number holds exactly. */
  private number(): number {
    const match = /^-?(?:\d+#[0-9a-zA-Z]+|\d+(?:\.\d+(?:[eE][-+]?\d+)?)?)/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) return this.fail("expected a number");
    this.pos += match[0].length;
    const literal = match[0];
    if (literal.includes("#")) {
      const [base = "", digits = ""] = literal.replace("-", "").split("#");
      const radix = Number(base);
      if (radix < 2 || radix > 36 || ![...digits.toLowerCase()].every((d) => parseInt(d, 36) < radix)) this.fail(`${literal} is not a valid integer`);
      const value = parseInt(digits, radix) * (literal.startsWith("-") ? -1 : 1);
      return this.safe(value, literal);
    }
    const value = Number(literal);
    return literal.includes(".") ? value : this.safe(value, literal);
  }

  private safe(value: number, literal: string): number {
    if (!Number.isSafeInteger(value)) this.fail(`the integer ${literal.slice(0, 40)} is too large`);
    return value;
  }

  private bareAtom(): ErlTerm {
    const match = /^[a-z][A-Za-z0-9_@]*/.exec(this.text.slice(this.pos, this.pos + 256));
    const name = match?.[0] ?? "";
    this.pos += name.length;
    if (name === "fun") this.fail("funs are not allowed");
    this.space();
    // `foo(...)` or `foo:bar` would be a call: nothing is ever evaluated.
    if (this.text[this.pos] === "(" || this.text[this.pos] === ":") this.fail("function calls are not allowed");
    return atomValue(name);
  }

  /** Whitespace and `%` comments. */
  private space(): void {
    for (;;) {
      const char = this.text[this.pos];
      if (char === "%") {
        const end = this.text.indexOf("\n", this.pos);
        this.pos = end === -1 ? this.text.length : end + 1;
      } else if (char !== undefined && /\s/.test(char)) {
        this.pos += 1;
      } else {
        return;
      }
    }
  }

  private fail(detail: string): never {
    const line = this.text.slice(0, this.pos).split("\n").length;
    throw new PkgdiffError("bad_tarball", `The package's metadata.config is not valid Hex metadata: ${detail} (line ${line}).`);
  }
}

function atomValue(name: string): ErlTerm {
  if (name === "true") return true;
  if (name === "false") return false;
  return { atom: name };
}
