import semver from "semver";
import { describe, expect, it } from "vitest";
import { isPrerelease, previousRelease, previousReleases, releaseLine } from "./previous";

const at = (day: number) => new Date(Date.UTC(2024, 0, day)).toISOString();

describe("releaseLine and isPrerelease", () => {
  it.each([
    ["19.0.0-canary-7a2609eed-20240403", "19.0.0", true],
    ["2.0.0-rc.1+build.5", "2.0.0", true],
    ["1.0.0+build-5", "1.0.0", false],
    ["1.2.3", "1.2.3", false],
  ])("%s is in line %s (prerelease: %s)", (version, line, pre) => {
    expect(releaseLine(version)).toBe(line);
    expect(isPrerelease(version)).toBe(pre);
  });
});

describe("previousRelease", () => {
  it("takes the highest lower stable version for a stable one", () => {
    const list = [{ version: "2.0.0" }, { version: "2.0.0-rc.1" }, { version: "1.9.0" }, { version: "1.9.0-beta.1" }, { version: "1.8.0" }];
    expect(previousRelease(list, "2.0.0")).toBe("1.9.0");
    expect(previousRelease(list, "1.9.0")).toBe("1.8.0");
    expect(previousRelease(list, "1.8.0")).toBeUndefined();
  });

  it("takes the prerelease of the same line published just before, whatever their version order", () => {
    // Canaries sort by hash: b < c < a in version order, published a, b, c.
    const list = [
      { version: "19.0.0-canary-ccc", publishedAt: at(3) },
      { version: "19.0.0-canary-bbb", publishedAt: at(2) },
      { version: "19.0.0-canary-aaa", publishedAt: at(4) },
      { version: "18.3.1", publishedAt: at(1) },
    ];
    expect(previousRelease(list, "19.0.0-canary-aaa")).toBe("19.0.0-canary-ccc");
    expect(previousRelease(list, "19.0.0-canary-ccc")).toBe("19.0.0-canary-bbb");
    expect(previousRelease(list, "19.0.0-canary-bbb")).toBe("18.3.1");
  });

  it("does not cross release lines: the first prerelease of a line diffs against the stable before it", () => {
    const list = [
      { version: "3.0.0-alpha.1", publishedAt: at(5) },
      { version: "2.1.0-beta.2", publishedAt: at(4) },
      { version: "2.0.0", publishedAt: at(2) },
    ];
    expect(previousRelease(list, "3.0.0-alpha.1")).toBe("2.0.0");
  });

  it("falls back to version order when the registry gives no times", () => {
    const list = [{ version: "2.0.0-rc.1" }, { version: "2.0.0-beta.1" }, { version: "1.0.0" }];
    expect(previousRelease(list, "2.0.0-rc.1")).toBe("2.0.0-beta.1");
    expect(previousRelease(list, "2.0.0-beta.1")).toBe("1.0.0");
  });

  it("is undefined for an unknown version or a first prerelease", () => {
    expect(previousRelease([{ version: "1.0.0" }], "9.9.9")).toBeUndefined();
    expect(previousRelease([{ version: "0.1.0" }, { version: "0.1.0-alpha.0" }], "0.1.0-alpha.0")).toBeUndefined();
  });
});

describe("previousReleases", () => {
  const oneByOne = (list: { version: string; publishedAt?: string }[]) =>
    new Map(list.flatMap(({ version }) => {
      const previous = previousRelease(list, version);
      return previous === undefined ? [] : [[version, previous] as const];
    }));

  it("gives every version the previous that previousRelease gives it, times or not", () => {
    // Lines with times (ties included), without times, and with some missing; stable versions between them.
    const list = [
      { version: "3.0.0-rc.1" },
      { version: "3.0.0-beta.2", publishedAt: at(9) },
      { version: "3.0.0-beta.1" },
      { version: "2.0.0", publishedAt: at(8) },
      { version: "2.0.0-canary-ddd", publishedAt: at(6) },
      { version: "2.0.0-canary-ccc", publishedAt: at(7) },
      { version: "2.0.0-canary-bbb", publishedAt: at(6) },
      { version: "2.0.0-canary-aaa", publishedAt: at(5) },
      { version: "1.1.0-beta.2" },
      { version: "1.1.0-beta.1" },
      { version: "1.0.0", publishedAt: at(1) },
      { version: "1.0.0-alpha.1", publishedAt: "not a date" },
      { version: "0.9.0-alpha.1", publishedAt: at(0) },
    ];
    const batch = previousReleases(list);
    expect(batch).toEqual(oneByOne(list));
    expect(batch.get("2.0.0-canary-ccc")).toBe("2.0.0-canary-ddd"); // of two at the same time, the first listed
    expect(batch.get("1.1.0-beta.2")).toBe("1.1.0-beta.1");
    expect(batch.has("0.9.0-alpha.1")).toBe(false);
  });

  it("agrees with previousRelease on a react-sized history", async () => {
    const { longHistory } = await import("../../fixtures/packages");
    const newestFirst = longHistory.versions.map((v) => ({ version: v.version, publishedAt: v.time })).sort((a, b) => semver.rcompare(a.version, b.version));
    expect(previousReleases(newestFirst)).toEqual(oneByOne(newestFirst));
    // The one-by-one reference is quadratic: ~2 s on a quiet machine, over 20 s beside another suite on 2 cores.
  }, 120_000);
});

