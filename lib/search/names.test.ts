import { describe, expect, it } from "vitest";
import { asTypedName, bareName, bareOffset, nameWords, normalizeQuery } from "./names";

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

  it("reads typed text as a name to look up only when it could be one", () => {
    expect(asTypedName(" Rarely-Used ")).toBe("rarely-used");
    expect(asTypedName("@scope/widget")).toBe("@scope/widget");
    expect(asTypedName("has space")).toBeUndefined();
    expect(asTypedName("  ")).toBeUndefined();
  });
});
