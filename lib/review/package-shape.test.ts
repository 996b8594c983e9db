import { describe, expect, it } from "vitest";

import { createReviewContext } from "./context";
import {
  declaredLicense,
  formatDuration,
  licenseFileRule,
  licenseFindings,
  releaseFindings,
  shapeFindings,
  sizeFinding,
} from "./package-shape";
import { type FixtureSide, reviewFixture, runFileRule } from "./test-fixtures";
import { hexEcosystem } from "../registry/hex/ecosystem";
import { npmEcosystem } from "../registry/npm/ecosystem";

const context = (from: FixtureSide, to: FixtureSide, ecosystem = npmEcosystem) => createReviewContext(reviewFixture(from, to, { ecosystem }));

describe("shapeFindings", () => {
  it("reports fields that change how the package loads, with their values when short", () => {
    const findings = shapeFindings(
      context({ manifest: { type: "commonjs", main: "index.js" } }, { manifest: { type: "module", main: "index.js", engines: { node: ">=18" } } }),
    );
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ["notice", 'type: "commonjs" → "module"'],
      ["info", 'engines: (none) → {"node":">=18"}'],
    ]);
    expect(findings[0]!.anchors).toEqual([expect.stringMatching(/^file-package\.json-R\d+$/)]);
  });

  it("ignores a field written in another key order, and fields it does not know", () => {
    const exports = { ".": { import: "./a.mjs", require: "./a.cjs" } };
    const reordered = { ".": { require: "./a.cjs", import: "./a.mjs" } };
    expect(shapeFindings(context({ manifest: { exports, description: "a" } }, { manifest: { exports: reordered, description: "b" } }))).toEqual([]);
  });

  it("says a long value changed without printing it", () => {
    const long = { ".": { import: "./dist/index.mjs", require: "./dist/index.cjs", types: "./dist/index.d.ts" } };
    expect(shapeFindings(context({ manifest: { exports: "./index.js" } }, { manifest: { exports: long } }))[0]!.message).toBe("exports changed");
  });
});

describe("licenses", () => {
  it("reads SPDX and the old object and array forms", () => {
    expect(declaredLicense({ license: "MIT" })).toBe("MIT");
    expect(declaredLicense({ license: { type: "ISC" } })).toBe("ISC");
    expect(declaredLicense({ licenses: [{ type: "MIT" }, { type: "Apache-2.0" }] })).toBe("MIT OR Apache-2.0");
  });

  it("flags a changed or removed license, not the same one", () => {
    expect(licenseFindings(context({ manifest: { license: "MIT" } }, { manifest: { license: "GPL-3.0-only" } })).map((f) => [f.severity, f.message])).toEqual([
      ["notice", "License changed: MIT → GPL-3.0-only"],
    ]);
    expect(licenseFindings(context({ manifest: { license: "MIT" } }, { manifest: {} }))[0]!.message).toBe("License removed (was MIT)");
    expect(licenseFindings(context({ manifest: { license: "MIT" } }, { manifest: { license: "MIT" } }))).toEqual([]);
  });

  it("reads Hex licenses from the registry", () => {
    const findings = licenseFindings(context({ meta: { license: "Apache-2.0" } }, { meta: { license: "MIT" } }, hexEcosystem));
    expect(findings.map((f) => f.message)).toEqual(["License changed: Apache-2.0 → MIT"]);
  });

  it("flags a LICENSE file whose text changed, linked to the first changed line, not an added or untouched one", () => {
    const changed = runFileRule(licenseFileRule, reviewFixture({ files: { LICENSE: "MIT\nline\n" } }, { files: { LICENSE: "GPL\nline\n" } }));
    expect(changed.map((f) => [f.severity, f.message, f.anchors])).toEqual([["notice", "LICENSE changed", ["file-LICENSE-L1"]]]);
    expect(runFileRule(licenseFileRule, reviewFixture({ files: {} }, { files: { "LICENSE.md": "MIT\n" } }))).toEqual([]);
    expect(runFileRule(licenseFileRule, reviewFixture({ files: { LICENSE: "MIT\n", "a.js": "1\n" } }, { files: { LICENSE: "MIT\n", "a.js": "2\n" } }))).toEqual([]);
  });
});

describe("size, deprecation and publish times", () => {
  it("mentions size only when the package grew or shrank a lot", () => {
    expect(sizeFinding({ from: 100_000, to: 400_000 }, { from: 10, to: 30 })?.message).toBe("Unpacked size 97.7 KiB → 390.6 KiB, files 10 → 30");
    expect(sizeFinding({ from: 100_000, to: 120_000 }, { from: 10, to: 11 })).toBeUndefined();
    expect(sizeFinding({ from: 1_000, to: 5_000 }, { from: 1, to: 2 })).toBeUndefined();
  });

  it("says when `to` is deprecated or retired and how far apart the publishes are", () => {
    const findings = releaseFindings(
      context(
        { meta: { publishedAt: "2024-03-01T00:00:00Z" } },
        { meta: { publishedAt: "2024-03-04T12:00:00Z", deprecated: "use 2.x\nplease", retired: { reason: "security", message: "CVE" } } },
      ),
    );
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ["notice", "1.1.0 is deprecated: use 2.x please"],
      ["notice", "1.1.0 is retired (security): CVE"],
      ["info", "1.1.0 was published 3 days after 1.0.0"],
    ]);
    expect(releaseFindings(context({ meta: {} }, { meta: { publishedAt: "2024-03-04T12:00:00Z" } }))).toEqual([]);
  });

  it("formats durations in their largest whole unit", () => {
    expect(formatDuration(30_000)).toBe("less than a minute");
    expect(formatDuration(3_600_000)).toBe("1 hour");
    expect(formatDuration(400 * 24 * 3_600_000)).toBe("1 year");
  });
});
