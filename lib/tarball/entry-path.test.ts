import { describe, expect, it } from "vitest";
import { PkgdiffError } from "../errors";
import { toPackagePath } from "./entry-path";

function refusal(name: string): PkgdiffError {
  try {
    toPackagePath(name);
  } catch (error) {
    if (error instanceof PkgdiffError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(name)} to be refused`);
}

describe("toPackagePath", () => {
  it.each([
    ["package/index.js", "index.js"],
    ["package/lib/a/b.js", "lib/a/b.js"],
    ["node/lib/a.js", "lib/a.js"],
    ["mypkg-1.0.0/README.md", "README.md"],
    ["./package/a.js", "a.js"],
    ["package//lib/./x.js", "lib/x.js"],
    ["package/lib/", "lib"],
    ["package/..foo/bar..", "..foo/bar.."],
    ["package/lib\\win.js", "lib\\win.js"],
  ])("maps %j to %j", (name, expected) => {
    expect(toPackagePath(name)).toBe(expected);
  });

  it.each(["package", "package/", "README", "./package/.", ""])("drops %j, which has no path below the top folder", (name) => {
    expect(toPackagePath(name)).toBeNull();
  });

  it.each([
    ["/etc/passwd", "absolute"],
    ["/package/a.js", "absolute"],
    ["C:\\Windows\\x", "absolute"],
    ["c:/x", "absolute"],
    ["\\\\server\\share\\x", "absolute"],
    ["\\x", "absolute"],
    ["package/../../x", "'..'"],
    ["a/../../x", "'..'"],
    ["package/..", "'..'"],
    ["..", "'..'"],
    ["package\\..\\..\\x", "'..'"],
    ["package/a\\..\\..\\x", "'..'"],
    ["package/a\0b", "NUL"],
  ])("refuses %j (%s)", (name, reason) => {
    const error = refusal(name);
    expect(error.kind).toBe("bad_tarball");
    expect(error.message).toContain(reason);
    expect(error.message).toContain(JSON.stringify(name));
  });

  it.each([
    ["mix.exs", "mix.exs"],
    ["lib/decimal.ex", "lib/decimal.ex"],
    ["./lib/./decimal/context.ex", "lib/decimal/context.ex"],
    ["lib/", "lib"],
  ])("keeps %j whole as %j without a top folder to strip", (name, expected) => {
    expect(toPackagePath(name, { stripTopFolder: false })).toBe(expected);
  });

  it.each(["", ".", "./", ".//."])("drops %j, the root itself, without a top folder to strip", (name) => {
    expect(toPackagePath(name, { stripTopFolder: false })).toBeNull();
  });

  it.each(["../x", "lib/../../x", "/etc/passwd", "a\0b"])("still refuses %j without a top folder to strip", (name) => {
    expect(() => toPackagePath(name, { stripTopFolder: false })).toThrow(PkgdiffError);
  });

  it("shortens a huge name in the message", () => {
    const name = `package/${"x".repeat(10_000)}/../../y`;
    const error = refusal(name);
    expect(error.message.length).toBeLessThan(400);
  });
});
