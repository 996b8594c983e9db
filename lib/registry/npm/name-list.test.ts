import { describe, expect, it } from "vitest";
import { isPackageName, parseNameList } from "./name-list";

describe("name lists", () => {
  it("reads a popularity list: one name a line, comments and blanks ignored", () => {
    expect(parseNameList("# top\r\nreact\n\n  vue \n#x\n")).toEqual(["react", "vue"]);
  });

  it("accepts only names the registry could have", () => {
    expect(isPackageName("JSONStream")).toBe(true);
    expect(isPackageName("@scope/widget")).toBe(true);
    expect(isPackageName("../etc")).toBe(false);
    expect(isPackageName("has space")).toBe(false);
  });
});
