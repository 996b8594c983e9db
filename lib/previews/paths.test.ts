import { describe, expect, it } from "vitest";
import { cardLocation, cardPath, diffSegmentsOfCard } from "./paths";

describe("card paths", () => {
  it("puts the diff path under /og with .png, the ecosystem prefix after /og", () => {
    expect(cardPath("react", "18.2.0", "18.3.1")).toBe("/og/diff/react/18.2.0..18.3.1.png");
    expect(cardPath("@babel/core", "7.0.0", "7.1.0")).toBe("/og/diff/@babel/core/7.0.0..7.1.0.png");
    expect(cardPath("decimal", "2.0.0", "2.1.1", "/hex", { ignoreWhitespace: true })).toBe("/og/hex/diff/decimal/2.0.0..2.1.1.png?w=1");
  });

  it("turns a page redirect into the card's", () => {
    expect(cardLocation("/diff/react/18.2.0..18.3.1")).toBe("/og/diff/react/18.2.0..18.3.1.png");
    expect(cardLocation("/hex/diff/decimal/2.0.0..2.1.1?w=1")).toBe("/og/hex/diff/decimal/2.0.0..2.1.1.png?w=1");
  });

  it("reads the diff segments back, and nothing from a URL without .png", () => {
    expect(diffSegmentsOfCard(["%40babel", "core", "7.0.0..7.1.0.png"])).toEqual(["%40babel", "core", "7.0.0..7.1.0"]);
    expect(diffSegmentsOfCard(["react", "18.2.0..18.3.1"])).toBeUndefined();
    expect(diffSegmentsOfCard(["react", ".png"])).toBeUndefined();
    expect(diffSegmentsOfCard([])).toBeUndefined();
  });
});
