import { describe, expect, it } from "vitest";
import { parseScopedQuery } from "./query";

const ids = ["npm", "hex"];

describe("parseScopedQuery", () => {
  it("reads a known ecosystem prefix, in any case and with spaces around the colon", () => {
    expect(parseScopedQuery("hex:dec", ids)).toEqual({ ecosystem: "hex", text: "dec" });
    expect(parseScopedQuery(" Hex : dec ", ids)).toEqual({ ecosystem: "hex", text: "dec" });
    expect(parseScopedQuery("npm:@babel/core", ids)).toEqual({ ecosystem: "npm", text: "@babel/core" });
    expect(parseScopedQuery("hex:", ids)).toEqual({ ecosystem: "hex", text: "" });
  });

  it("leaves text without a prefix, or with one this server does not search, as it is", () => {
    expect(parseScopedQuery("  react ", ids)).toEqual({ text: "react" });
    expect(parseScopedQuery("pypi:requests", ids)).toEqual({ text: "pypi:requests" });
    expect(parseScopedQuery("hex:dec", ["npm"])).toEqual({ text: "hex:dec" });
    expect(parseScopedQuery("@scope/x:y", ids)).toEqual({ text: "@scope/x:y" });
  });
});
