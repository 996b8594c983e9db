import { describe, expect, it } from "vitest";
import { asPackageName, bareName, bareOffset, isPackageName, nameWords, normalizeQuery } from "./names";

describe("names", () => {
  it("splits scoped names", () => {
    expect(bareName("@babel/core")).toBe("core");
    expect(bareOffset("@babel/core")).toBe(7);
    expect(bareName("react")).toBe("react");
    expect(bareOffset("react")).toBe(0);
  });

  it("finds the words of a name with their offsets", () => {
    expect(nameWords("@types/react-dom")).toEqual([
      { word: "types", start: 1 },
      { word: "react", start: 7 },
      { word: "dom", start: 13 },
    ]);
  });

  it("normalizes queries", () => {
    expect(normalizeQuery("  Babel  Core ")).toBe("babel-core");
  });

  it("reads typed text as a package name only when the registry could have it", () => {
    expect(asPackageName(" Rarely-Used ")).toBe("rarely-used");
    expect(asPackageName("@scope/widget")).toBe("@scope/widget");
    expect(asPackageName("@scope/")).toBeUndefined();
    expect(asPackageName("has space")).toBeUndefined();
    expect(asPackageName("")).toBeUndefined();
    expect(isPackageName("JSONStream")).toBe(true);
    expect(isPackageName("../etc")).toBe(false);
  });
});
