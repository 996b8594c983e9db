import { describe, expect, it } from "vitest";
import { type PkgdiffError, isPkgdiffError } from "../../errors";
import { reshapePackument } from "./packument";

const dist = (v: string) => ({ tarball: `http://127.0.0.1:1/x/-/x-${v}.tgz`, integrity: `sha512-${v}`, shasum: "a".repeat(40) });

function reshapeError(wire: unknown): PkgdiffError {
  try {
    reshapePackument("x", wire);
  } catch (error) {
    if (isPkgdiffError(error)) return error;
    throw error;
  }
  throw new Error("expected a PkgdiffError");
}

describe("reshapePackument", () => {
  it("keeps valid versions, sorted newest first, with times, checksums and deprecation", () => {
    const pkg = reshapePackument("x", {
      name: "x",
      readme: "# big readme",
      "dist-tags": { latest: "1.10.0", beta: "2.0.0-beta.1" },
      versions: {
        "1.2.0": { version: "1.2.0", dist: dist("1.2.0"), deprecated: "use 1.10.0" },
        "1.10.0": { version: "1.10.0", dist: dist("1.10.0"), scripts: { postinstall: "evil" } },
        "2.0.0-beta.1": { version: "2.0.0-beta.1", dist: dist("2.0.0-beta.1") },
      },
      time: { created: "2020-01-01T00:00:00Z", "1.2.0": "2020-01-02T00:00:00Z", "1.10.0": "2020-02-02T03:04:05.678+01:00" },
    });
    expect(pkg.registry).toBe("npm");
    expect(pkg.name).toBe("x");
    expect(pkg.sortedVersions).toEqual(["2.0.0-beta.1", "1.10.0", "1.2.0"]);
    expect(pkg.distTags).toEqual({ latest: "1.10.0", beta: "2.0.0-beta.1" });
    expect(pkg.versions.get("1.2.0")).toEqual({
      version: "1.2.0",
      tarballUrl: dist("1.2.0").tarball,
      integrity: "sha512-1.2.0",
      shasum: "a".repeat(40),
      deprecated: "use 1.10.0",
      publishedAt: "2020-01-02T00:00:00.000Z",
    });
    expect(pkg.versions.get("1.10.0")?.publishedAt).toBe("2020-02-02T02:04:05.678Z");
    expect(pkg.versions.get("2.0.0-beta.1")?.publishedAt).toBeUndefined();
    expect(Object.keys(pkg)).not.toContain("readme");
  });

  it("skips malformed version entries instead of failing", () => {
    const pkg = reshapePackument("x", {
      versions: {
        "1.0.0": { dist: dist("1.0.0") },
        "not-a-version": { dist: dist("nope") },
        "v1.1.0": { dist: dist("1.1.0") },
        "1.2.0": "a string",
        "1.3.0": { dist: "no object" },
        "1.4.0": { dist: { tarball: 42 } },
        "1.5.0": { dist: { tarball: "" } },
        "1.6.0": null,
        "1.7.0": [],
      },
      "dist-tags": { latest: "1.0.0", gone: "1.6.0", weird: 7 },
      time: "not an object",
    });
    expect(pkg.sortedVersions).toEqual(["1.0.0"]);
    expect(pkg.distTags).toEqual({ latest: "1.0.0" });
  });

  it.each([
    ["empty message (npm's un-deprecate)", ""],
    ["not a string", true],
  ])("ignores a deprecated field that is %s", (_label, deprecated) => {
    const pkg = reshapePackument("x", { versions: { "1.0.0": { dist: dist("1.0.0"), deprecated } } });
    expect(pkg.versions.get("1.0.0")?.deprecated).toBeUndefined();
  });

  it("drops checksums that are not strings and times that are not dates", () => {
    const pkg = reshapePackument("x", {
      versions: { "1.0.0": { dist: { tarball: "http://127.0.0.1:1/t.tgz", integrity: 5, shasum: null } } },
      time: { "1.0.0": "yesterday" },
    });
    expect(pkg.versions.get("1.0.0")).toEqual({ version: "1.0.0", tarballUrl: "http://127.0.0.1:1/t.tgz" });
  });

  it.each([
    ["an array", [], "upstream"],
    ["null", null, "upstream"],
    ["a string", "hello", "upstream"],
    ["without versions (unpublished)", { name: "x", time: { unpublished: {} } }, "not_found"],
    ["with only malformed versions", { versions: { nope: {} } }, "upstream"],
  ])("rejects a packument that is %s", (_label, wire, kind) => {
    const error = reshapeError(wire);
    expect(error.kind).toBe(kind);
    expect(error.details.packageName).toBe("x");
  });
});

describe("reshapePackument: publisher fields for the review", () => {
  const dist = (n: number, extra: Record<string, unknown> = {}) => ({ tarball: `http://127.0.0.1:1/p-${n}.tgz`, shasum: "a".repeat(40), ...extra });
  const wire = {
    "dist-tags": { latest: "1.1.0" },
    versions: {
      "1.0.0": {
        dist: dist(0, { attestations: { url: "https://example.com/attestations/p@1.0.0", provenance: { predicateType: "x" } } }),
        _npmUser: { name: "alice", email: "alice@example.com", trustedPublisher: { id: "github" } },
        maintainers: [{ name: "alice" }, { name: 7 }, "bob"],
        repository: { type: "git", url: "git+https://example.com/p.git" },
        gitHead: "abc123",
        license: "MIT",
      },
      "1.1.0": { dist: dist(1), _npmUser: { name: "mallory" }, repository: "https://example.org/p", license: "" },
    },
  };

  it("keeps _npmUser (with trustedPublisher), maintainers, provenance, repository, gitHead and license", () => {
    const pkg = reshapePackument("p", wire);
    expect(pkg.versions.get("1.0.0")?.publisher).toEqual({
      npmUser: { name: "alice", email: "alice@example.com", trustedPublisher: { id: "github" } },
      maintainers: [{ name: "alice" }],
      attestations: { url: "https://example.com/attestations/p@1.0.0" },
      repositoryUrl: "git+https://example.com/p.git",
      gitHead: "abc123",
      license: "MIT",
    });
    expect(pkg.versions.get("1.1.0")?.publisher).toEqual({ npmUser: { name: "mallory" }, repositoryUrl: "https://example.org/p" });
  });

  it("says which fields the registry carries for the package: any version has them", () => {
    expect(reshapePackument("p", wire).carried).toEqual(["attestations", "gitHead", "license", "maintainers", "npmUser", "repositoryUrl"]);
    const stripped = { versions: { "1.0.0": { dist: dist(0) } } };
    expect(reshapePackument("p", stripped).carried).toEqual([]);
    expect(reshapePackument("p", stripped).versions.get("1.0.0")?.publisher).toBeUndefined();
  });
});
