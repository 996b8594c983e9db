import { describe, expect, it } from "vitest";
import semver from "semver";

import { hexRequirementToRange } from "./requirement-range";

describe("hexRequirementToRange", () => {
  it("converts ~> with two and three parts as Elixir reads them", () => {
    expect(hexRequirementToRange("~> 2.1")).toBe(">=2.1.0 <3.0.0-0");
    expect(hexRequirementToRange("~> 2.1.3")).toBe(">=2.1.3 <2.2.0-0");
    expect(semver.satisfies("2.9.0", hexRequirementToRange("~> 2.1")!)).toBe(true);
    expect(semver.satisfies("2.2.0", hexRequirementToRange("~> 2.1.3")!)).toBe(false);
  });

  it("converts and / or and plain comparisons", () => {
    expect(hexRequirementToRange(">= 1.0.0 and < 2.0.0 or == 3.0.0")).toBe(">=1.0.0 <2.0.0 || 3.0.0");
    expect(hexRequirementToRange("1.0.0")).toBe("1.0.0");
  });

  it("gives up on what npm ranges cannot say", () => {
    expect(hexRequirementToRange("!= 1.0.0")).toBeUndefined();
    expect(hexRequirementToRange("~> 2")).toBeUndefined();
    expect(hexRequirementToRange("soon")).toBeUndefined();
  });
});
