import { describe, expect, it } from "vitest";
import { isPkgdiffError } from "../../errors";
import { encodePackageNameForUrl, parsePackageName } from "./package-name";

describe("parsePackageName", () => {
  it.each([
    ["react", "react"],
    ["@babel/core", "@babel/core"],
    ["JSONStream", "JSONStream"],
    ["lodash.merge", "lodash.merge"],
    ["socket.io-client", "socket.io-client"],
    ["@types/node", "@types/node"],
    ["@scope/_private-ish", "@scope/_private-ish"],
    ["a", "a"],
    ["x".repeat(214), "x".repeat(214)],
    ["@babel%2fcore", "@babel/core"],
    ["@babel%2Fcore", "@babel/core"],
    ["legacy~name!(x)*'", "legacy~name!(x)*'"],
  ])("accepts %j", (raw, expected) => {
    expect(parsePackageName(raw)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["x".repeat(215), "longer"],
    [".hidden", "period"],
    ["_private", "underscore"],
    ["@scope/.hidden", "period"],
    ["a..b", ".."],
    ["../etc/passwd", ".."],
    ["100%", "URL-safe"],
    ["has space", "URL-safe"],
    [" react", "URL-safe"],
    ["nul\0byte", "URL-safe"],
    ["a/b", "URL-safe"],
    ["@scope/a/b", "URL-safe"],
    ["@scope", "needs a /"],
    ["@/name", "scope is empty"],
    ["@scope/", "name is empty"],
    ["@.scope/x", "scope cannot start"],
    ["@sc ope/x", "scope has characters"],
    ["@scope%2fa%2fb", "URL-safe"],
    ["ünicode", "URL-safe"],
    ["new\nline", "URL-safe"],
  ])("rejects %j as bad_request", (raw, reason) => {
    let caught: unknown;
    try {
      parsePackageName(raw);
    } catch (error) {
      caught = error;
    }
    expect(isPkgdiffError(caught) && caught.kind).toBe("bad_request");
    expect(isPkgdiffError(caught) && caught.message).toContain(reason);
  });
});

describe("encodePackageNameForUrl", () => {
  it.each([
    ["react", "react"],
    ["@babel/core", "@babel%2fcore"],
    ["JSONStream", "JSONStream"],
  ])("encodes %j as %j", (name, expected) => {
    expect(encodePackageNameForUrl(name)).toBe(expected);
  });
});
