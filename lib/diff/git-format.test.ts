import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { binaryLiteral, gitBlobId, quotePath } from "./git-format";
import { git } from "./test-helpers";

describe("gitBlobId", () => {
  it("is the id git hash-object computes", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pkgdiff-blob-"));
    try {
      const bytes = Buffer.from("hello\r\nwörld\u0000\n");
      writeFileSync(path.join(dir, "f"), bytes);
      expect(gitBlobId(bytes)).toBe(git(["hash-object", "--no-filters", "f"], dir).trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("knows the empty blob", () => {
    expect(gitBlobId(new Uint8Array(0))).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  });
});

describe("quotePath", () => {
  it("leaves plain paths and spaces alone", () => {
    expect(quotePath("a/lib/index.js")).toBe("a/lib/index.js");
    expect(quotePath("a/dir with space/f.txt")).toBe("a/dir with space/f.txt");
  });

  it("quotes like git: C escapes, octal UTF-8 bytes", () => {
    expect(quotePath("a/caf\u00e9")).toBe('"a/caf\\303\\251"');
    expect(quotePath('a/q"uote')).toBe('"a/q\\"uote"');
    expect(quotePath("a/back\\slash")).toBe('"a/back\\\\slash"');
    expect(quotePath("a/tab\tx")).toBe('"a/tab\\tx"');
    expect(quotePath("a/bell\u0007")).toBe('"a/bell\\a"');
    expect(quotePath("a/del\u007f")).toBe('"a/del\\177"');
  });
});

describe("binaryLiteral", () => {
  it("writes git's encoding of an empty file", () => {
    const parts: string[] = [];
    binaryLiteral(new Uint8Array(0), parts);
    expect(parts.join("")).toBe("literal 0\nHcmV?d00001\n\n");
  });

  it("writes git's encoding of two bytes", () => {
    const parts: string[] = [];
    binaryLiteral(Buffer.from([0, 1]), parts);
    expect(parts.join("")).toBe("literal 2\nJcmZQz1ONa700IC2\n\n");
  });

  it("splits long data into 52-byte lines led by their length", () => {
    const bytes = Buffer.alloc(5000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    const parts: string[] = [];
    binaryLiteral(bytes, parts);
    const lines = parts.join("").split("\n");
    expect(lines[0]).toBe("literal 5000");
    const body = lines.slice(1, -2);
    expect(body.length).toBeGreaterThan(1);
    for (const line of body.slice(0, -1)) expect(line).toMatch(/^z.{65}$/);
    expect(lines.at(-2)).toBe("");
  });
});
