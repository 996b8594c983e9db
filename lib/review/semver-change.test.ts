import { describe, expect, it } from "vitest";

import { classifyRangeChange } from "./semver-change";

describe("classifyRangeChange", () => {
  it.each([
    ["1.20.1", "1.20.2", "patch", false],
    ["0.5.0", "0.6.0", "major", true],
    ["0.0.3", "0.0.4", "major", true],
    ["0.5.0", "0.5.1", "patch", false],
    ["^1.2.0", "^1.3.0", "minor", false],
    ["^1.2.0", "^2.0.0", "major", false],
    ["~1.2.3", "~1.2.4", "patch", false],
    ["^0.5.0", "^0.6.0", "major", true],
    ["1.0.0", "1.0.1-beta.1", "prerelease", false],
    ["^1.2.0", ">=1.2.0", "widened", false],
    [">=1", "^1.2.0", "narrowed", false],
    ["1.2.0", "^1.2.0", "widened", false],
    ["^1.2.0", "~1.2.0", "narrowed", false],
    ["^1.3.0", "^1.2.0", "widened", false],
    ["~1.2.0", "^1.3.0", "minor", false],
    ["1.3.0", "1.2.0", "other", false],
    ["^1.2", "^1.2.0", "other", false],
    ["latest", "^1.0.0", "other", false],
  ] as const)("%s → %s is %s", (from, to, level, zeroMajor) => {
    expect(classifyRangeChange(from, to)).toEqual({ level, zeroMajor });
  });
});
