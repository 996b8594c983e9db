import { describe, expect, it } from "vitest";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { isPkgdiffError } from "../errors";
import { browsePath, linesPath, parseBrowseSegments, rawPath } from "./browse-path";

const split = (path: string) => path.split("/");

describe("parseBrowseSegments", () => {
  it.each([
    ["react", { name: "react", version: undefined, path: "" }],
    ["react/18.2.0", { name: "react", version: "18.2.0", path: "" }],
    ["react/latest/cjs/react.js", { name: "react", version: "latest", path: "cjs/react.js" }],
    ["@babel/core/7.0.0/lib/index.js", { name: "@babel/core", version: "7.0.0", path: "lib/index.js" }],
    ["%40babel/core/7.0.0", { name: "@babel/core", version: "7.0.0", path: "" }],
    ["@babel%2fcore/%5E7/lib", { name: "@babel/core", version: "^7", path: "lib" }],
    ["@babel%2Fcore", { name: "@babel/core", version: undefined, path: "" }],
    ["x/1.0.0/docs/a%20b%25.md", { name: "x", version: "1.0.0", path: "docs/a b%.md" }],
    ["x/1.0.0/a%23b/c%3Fd", { name: "x", version: "1.0.0", path: "a#b/c?d" }],
  ])("%s", (path, expected) => {
    expect(parseBrowseSegments(split(path), npmEcosystem)).toEqual(expected);
  });

  it.each([
    ["@babel", "the package name after it is missing"],
    ["x/1.0.0/a/../b", '"." or ".."'],
    ["x/1.0.0/a/./b", '"." or ".."'],
    ["x/1.0.0/a//b", "empty"],
    ["x/1.0.0/a%2fb", 'encoded "/"'],
    ["x/1.0.0/%2e%2e/b", '"." or ".."'],
    ["x/1.0.0/%E0%A4%A", "percent-encoded"],
    ["x/1.0.0/a%00", "NUL"],
    ["x/", "version part"],
    ["x/%00/a.js", "not a valid version"],
    ["x/1.0.0%25/a.js", "not a valid version"],
    ["../1.0.0", "not a valid package name"],
  ])("refuses %s", (path, message) => {
    try {
      parseBrowseSegments(split(path), npmEcosystem);
      expect.unreachable();
    } catch (error) {
      expect(isPkgdiffError(error) && error.kind).toBe("bad_request");
      expect((error as Error).message).toContain(message);
    }
  });
});

describe("paths", () => {
  it("round-trips through parseBrowseSegments", () => {
    const url = browsePath("@scope/widget", "1.0.0-rc.1", "a b/#x?.js");
    expect(url).toBe("/browse/@scope/widget/1.0.0-rc.1/a%20b/%23x%3F.js");
    expect(parseBrowseSegments(url.split("/").slice(2), npmEcosystem)).toEqual({
      name: "@scope/widget",
      version: "1.0.0-rc.1",
      path: "a b/#x?.js",
    });
  });

  it("builds root, raw and lines URLs", () => {
    expect(browsePath("react", "18.2.0")).toBe("/browse/react/18.2.0");
    expect(rawPath("react", "18.2.0", "index.js")).toBe("/raw/react/18.2.0/index.js");
    expect(linesPath("@s/p", "1.0.0", "lib/x.js")).toBe("/api/v1/lines/@s/p/1.0.0/lib/x.js");
  });
});
