import { describe, expect, it } from "vitest";

import { createReviewContext } from "./context";
import { dependencyFindings, flattenOverrides } from "./dependencies";
import { reviewFixture } from "./test-fixtures";
import type { HexRequirement } from "./types";
import { hexEcosystem } from "../registry/hex/ecosystem";

function deps(from: Record<string, unknown>, to: Record<string, unknown>) {
  return dependencyFindings(createReviewContext(reviewFixture({ manifest: from }, { manifest: to })));
}

describe("dependencyFindings (npm)", () => {
  it("classifies express 4.18.2 → 4.19.2's changes: body-parser patch, cookie breaking in 0.x", () => {
    const { dependencies, findings } = deps(
      { dependencies: { "body-parser": "1.20.1", cookie: "0.5.0", debug: "2.6.9" } },
      { dependencies: { "body-parser": "1.20.2", cookie: "0.6.0", debug: "2.6.9" } },
    );
    expect(dependencies).toEqual([
      { name: "body-parser", type: "dependencies", from: "1.20.1", to: "1.20.2", change: "patch", link: "/diff/body-parser/1.20.1..1.20.2" },
      { name: "cookie", type: "dependencies", from: "0.5.0", to: "0.6.0", change: "major", link: "/diff/cookie/0.5.0..0.6.0" },
    ]);
    expect(findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ["dependency-major", "notice", "cookie 0.5.0 → 0.6.0: breaking change in 0.x (major)"],
    ]);
    expect(findings[0]!.anchors).toEqual([expect.stringMatching(/^file-package\.json-R\d+$/)]);
  });

  it("lists added and removed dependencies, flags sources outside the registry", () => {
    const { dependencies, findings } = deps(
      { dependencies: { old: "^1.0.0" }, peerDependencies: { react: "^18.0.0" } },
      { dependencies: { fresh: "^2.0.0", fromgit: "owner/repo#v1", tarball: "https://example.com/t-1.0.0.tgz" }, peerDependencies: { react: "^18.0.0 || ^19.0.0" } },
    );
    expect(dependencies.map((d) => [d.name, d.change, d.link ?? null])).toEqual([
      ["fresh", "added", null],
      ["fromgit", "added", null],
      ["old", "removed", null],
      ["tarball", "added", null],
      ["react", "widened", "/diff/react/%5E18.0.0..%5E18.0.0%20%7C%7C%20%5E19.0.0"],
    ]);
    expect(findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ["dependencies-added", "notice", "1 new dependency: fresh ^2.0.0"],
      ["dependencies-removed", "info", "1 dependency removed: old"],
      ["dependency-source", "notice", "fromgit installs from a git repository: owner/repo#v1"],
      ["dependency-source", "notice", "tarball installs from a tarball URL: https://example.com/t-1.0.0.tgz"],
    ]);
  });

  it("lists dev dependency and override changes, with findings only for sources outside the registry", () => {
    const { dependencies, findings } = deps(
      { devDependencies: { vitest: "^1.0.0" }, overrides: { foo: { ".": "1.0.0", bar: "2.0.0" } } },
      { devDependencies: { vitest: "^2.0.0", local: "file:../local" }, overrides: { foo: { ".": "1.0.0", bar: "3.0.0" } } },
    );
    expect(dependencies).toEqual([
      { name: "local", type: "devDependencies", from: null, to: "file:../local", change: "added" },
      { name: "vitest", type: "devDependencies", from: "^1.0.0", to: "^2.0.0", change: "major", link: "/diff/vitest/%5E1.0.0..%5E2.0.0" },
      { name: "foo > bar", type: "overrides", from: "2.0.0", to: "3.0.0", change: "major", link: "/diff/bar/2.0.0..3.0.0" },
    ]);
    expect(findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ["dependency-source", "info", "local (dev dependency) installs from a local path: file:../local"],
    ]);
  });

  it("flags git, tarball, file and alias specs in every type, dev dependencies and overrides included", () => {
    const { findings } = deps(
      { devDependencies: { tool: "^1.0.0" }, overrides: { foo: { bar: "2.0.0" } } },
      {
        devDependencies: { tool: "github:owner/tool#main" },
        optionalDependencies: { native: "https://example.com/native-1.0.0.tgz" },
        overrides: { foo: { bar: "npm:evil-bar@1.0.0" }, baz: "git+https://example.com/baz.git" },
      },
    );
    expect(findings.filter((f) => f.kind === "dependency-source").map((f) => [f.severity, f.message, f.anchors?.length])).toEqual([
      ["notice", "native installs from a tarball URL: https://example.com/native-1.0.0.tgz", 1],
      ["info", "tool (dev dependency) installs from a git repository: github:owner/tool#main", 1],
      ["info", "baz (override) installs from a git repository: git+https://example.com/baz.git", 1],
      ["info", "foo > bar (override) installs from an alias to another package: npm:evil-bar@1.0.0", 1],
    ]);
  });

  it("links an override to the diff of the package it overrides, at the top level too", () => {
    const { dependencies } = deps({ overrides: { baz: "1.0.0", "qux@^1": "1.1.0" } }, { overrides: { baz: "1.0.1", "qux@^1": "1.2.0" } });
    expect(dependencies.map((d) => [d.name, d.link])).toEqual([
      ["baz", "/diff/baz/1.0.0..1.0.1"],
      ["qux@^1", "/diff/qux/1.1.0..1.2.0"],
    ]);
  });

  it("compares bundleDependencies as names, `true` meaning all dependencies", () => {
    const { dependencies } = deps({ dependencies: { a: "1.0.0" }, bundleDependencies: ["a"] }, { dependencies: { a: "1.0.0", b: "1.0.0" }, bundledDependencies: true });
    expect(dependencies.filter((d) => d.type === "bundleDependencies")).toEqual([
      { name: "b", type: "bundleDependencies", from: null, to: "bundled", change: "added" },
    ]);
  });

  it("reports nothing when the dependencies are the same", () => {
    expect(deps({ dependencies: { a: "^1.0.0" } }, { dependencies: { a: "^1.0.0" } })).toEqual({ dependencies: [], findings: [] });
  });
});

describe("flattenOverrides", () => {
  it("flattens nesting with the '.' key as the package itself", () => {
    expect(flattenOverrides({ foo: { ".": "1.0.0", bar: "2.0.0" }, baz: "3" })).toEqual([
      ["baz", "3"],
      ["foo", "1.0.0"],
      ["foo > bar", "2.0.0"],
    ]);
  });
});

describe("dependencyFindings (Hex)", () => {
  const hex = (from: HexRequirement[] | undefined, to: HexRequirement[] | undefined) =>
    dependencyFindings(createReviewContext(reviewFixture({ meta: { dependencies: from } }, { meta: { dependencies: to } }, { ecosystem: hexEcosystem, name: "phoenix" })));

  it("classifies ~> requirements by the same rules and links the Hex diff", () => {
    const { dependencies, findings } = hex(
      [
        { name: "plug", requirement: "~> 1.14", optional: false },
        { name: "jason", requirement: "~> 1.0", optional: false },
        { name: "telemetry", requirement: "~> 0.4", optional: false },
      ],
      [
        { name: "plug", requirement: "~> 1.15", optional: false },
        { name: "jason", requirement: "~> 1.0", optional: true },
        { name: "telemetry", requirement: "~> 1.0", optional: false },
      ],
    );
    expect(dependencies).toEqual([
      { name: "jason", type: "optionalDependencies", from: "~> 1.0", to: "~> 1.0", change: "other", link: "/hex/diff/jason/~%3E%201.0..~%3E%201.0" },
      { name: "plug", type: "dependencies", from: "~> 1.14", to: "~> 1.15", change: "minor", link: "/hex/diff/plug/~%3E%201.14..~%3E%201.15" },
      { name: "telemetry", type: "dependencies", from: "~> 0.4", to: "~> 1.0", change: "major", link: "/hex/diff/telemetry/~%3E%200.4..~%3E%201.0" },
    ]);
    expect(findings.map((f) => f.message)).toEqual(["jason is now optional", "telemetry ~> 0.4 → ~> 1.0: major version change"]);
  });

  it("compares nothing without the registry's requirements for both versions", () => {
    expect(hex([{ name: "plug", requirement: "~> 1.14", optional: false }], undefined)).toEqual({ dependencies: [], findings: [] });
  });
});
