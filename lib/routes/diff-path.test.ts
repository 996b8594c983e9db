import { describe, expect, it } from "vitest";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { PkgdiffError } from "../errors";
import { diffPath, parseDiffSegments } from "./diff-path";

describe("parseDiffSegments", () => {
  it.each([
    [["react"], { kind: "versions", name: "react" }],
    [["react", "18.2.0..18.3.1"], { kind: "range", name: "react", from: "18.2.0", to: "18.3.1", format: "html" }],
    [["react", "18.2.0..18.3.1.patch"], { kind: "range", name: "react", from: "18.2.0", to: "18.3.1", format: "patch" }],
    [["react", "%5E18.2.0..latest"], { kind: "range", name: "react", from: "^18.2.0", to: "latest", format: "html" }],
    [["react", "18.2.0.."], { kind: "range", name: "react", from: "18.2.0", to: undefined, format: "html" }],
    [["react", "18.3.1"], { kind: "single", name: "react", version: "18.3.1", format: "html" }],
    [["react", "18.3.1.patch"], { kind: "single", name: "react", version: "18.3.1", format: "patch" }],
    [["%40babel", "core", "7.0.0..7.1.0"], { kind: "range", name: "@babel/core", from: "7.0.0", to: "7.1.0", format: "html" }],
    [["@babel%2fcore", "7.0.0..7.1.0"], { kind: "range", name: "@babel/core", from: "7.0.0", to: "7.1.0", format: "html" }],
    [["@babel", "core"], { kind: "versions", name: "@babel/core" }],
    [["react", "%3E%3D1%20%3C2..2"], { kind: "range", name: "react", from: ">=1 <2", to: "2", format: "html" }],
  ])("parses %j", (segments, expected) => {
    expect(parseDiffSegments(segments, npmEcosystem)).toEqual(expected);
  });

  it.each([
    [[""]],
    [["@babel"]],
    [["react", "1..2..3"]],
    [["react", "..2"]],
    [["react", ".patch"]],
    [["react", "1..2", "extra"]],
    [["react", "%E0%A4%A"]],
    [["..%2f..%2fetc", "1..2"]],
    [["react", "1..%2f2"]],
    [["re act", "1..2"]],
    [["react%00", "1..2"]],
    // Specs that can never resolve are refused here, before the registry is asked for the packument.
    [["react", "1..%00"]],
    [["react", "%00..2"]],
    [["react", "1..2%25"]],
    [["react", "%0A"]],
  ])("refuses %j as a bad request", (segments) => {
    let error: unknown;
    try {
      parseDiffSegments(segments, npmEcosystem);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PkgdiffError);
    expect((error as PkgdiffError).kind).toBe("bad_request");
  });
});

describe("diffPath", () => {
  it("keeps scoped names readable and round-trips through the parser", () => {
    const path = diffPath("@babel/core", "7.0.0", "7.1.0-beta.1");
    expect(path).toBe("/diff/@babel/core/7.0.0..7.1.0-beta.1");
    expect(parseDiffSegments(path.split("/").slice(2), npmEcosystem)).toEqual({
      kind: "range",
      name: "@babel/core",
      from: "7.0.0",
      to: "7.1.0-beta.1",
      format: "html",
    });
    expect(diffPath("react", "1.0.0", "2.0.0", "patch")).toBe("/diff/react/1.0.0..2.0.0.patch");
  });
});
