import { describe, expect, it } from "vitest";
import { describeProgress } from "./progress";

describe("describeProgress", () => {
  it("says each step in words, with sizes and counts for people", () => {
    expect(describeProgress({ stage: "fetch", name: "@scope/widget", version: "1.0.0" })).toBe("fetching @scope/widget@1.0.0…");
    expect(describeProgress({ stage: "unpack", name: "react", version: "18.3.1", bytes: 421_888 })).toBe("unpacking react@18.3.1 (412 KiB)…");
    expect(describeProgress({ stage: "diff", files: 1204 })).toBe("diffing 1,204 files…");
    expect(describeProgress({ stage: "diff", files: 1 })).toBe("diffing 1 file…");
  });
});
