import { describe, expect, it } from "vitest";

import { createReviewContext } from "./context";
import { binEntries, binFindings, installScriptFindings } from "./install-scripts";
import { reviewFixture } from "./test-fixtures";

describe("installScriptFindings", () => {
  it("flags a new postinstall, links its manifest line and the new file it runs", () => {
    const input = reviewFixture(
      { manifest: { scripts: { test: "vitest" } } },
      { manifest: { scripts: { test: "vitest", postinstall: "node ./bundle.js" } }, files: { "bundle.js": "1;\n" } },
    );
    const { scripts, findings } = installScriptFindings(createReviewContext(input));
    expect(scripts).toEqual([{ name: "postinstall", from: null, to: "node ./bundle.js", installTime: true }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: "install-script-added",
      severity: "attention",
      message: "New postinstall script: node ./bundle.js (runs bundle.js, new in this version)",
      file: "package.json",
    });
    const manifestLine = input.files.find((f) => f.path === "package.json")!.hunks![0]!.lines.findIndex((l) => l.includes('"postinstall"'));
    expect(manifestLine).toBeGreaterThan(-1);
    expect(findings[0]!.anchors).toEqual([expect.stringMatching(/^file-package\.json-R\d+$/), "file-bundle.js"]);
  });

  it("flags a changed preinstall as attention and a removed one as info", () => {
    const changed = installScriptFindings(
      createReviewContext(reviewFixture({ manifest: { scripts: { preinstall: "node a.js" } } }, { manifest: { scripts: { preinstall: "node b.js" } } })),
    );
    expect(changed.findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ["install-script-changed", "attention", "preinstall script changed: node a.js → node b.js"],
    ]);
    const removed = installScriptFindings(createReviewContext(reviewFixture({ manifest: { scripts: { install: "node-gyp rebuild" } } }, { manifest: {} })));
    expect(removed.findings.map((f) => [f.kind, f.severity])).toEqual([["install-script-removed", "info"]]);
  });

  it("lists other changed scripts without a finding, and nothing when scripts are the same", () => {
    const other = installScriptFindings(createReviewContext(reviewFixture({ manifest: { scripts: { test: "jest" } } }, { manifest: { scripts: { test: "vitest" } } })));
    expect(other.scripts).toEqual([{ name: "test", from: "jest", to: "vitest", installTime: false }]);
    expect(other.findings).toEqual([]);
    const same = installScriptFindings(
      createReviewContext(reviewFixture({ manifest: { scripts: { postinstall: "node x.js" } } }, { manifest: { scripts: { postinstall: "node x.js" } } })),
    );
    expect(same).toEqual({ scripts: [], findings: [] });
  });
});

describe("bin", () => {
  it("reads both forms of bin, naming the string form after the unscoped package", () => {
    expect(binEntries({ name: "@a/tool", bin: "./cli.js" })).toEqual([["tool", "cli.js"]]);
    expect(binEntries({ bin: { b: "b.js", a: "./a.js" } })).toEqual([
      ["a", "a.js"],
      ["b", "b.js"],
    ]);
    expect(binEntries(undefined)).toEqual([]);
  });

  it("flags a new or retargeted command, not an unchanged one", () => {
    const input = reviewFixture(
      { manifest: { bin: { keep: "keep.js", move: "old.js", gone: "gone.js" } } },
      { manifest: { bin: { keep: "keep.js", move: "new.js", fresh: "fresh.js" } }, files: { "fresh.js": "#!/usr/bin/env node\n" } },
    );
    expect(binFindings(createReviewContext(input)).map((f) => [f.severity, f.message])).toEqual([
      ["notice", "New command fresh → fresh.js"],
      ["notice", "Command move now runs new.js (was old.js)"],
      ["info", "Command gone removed (ran gone.js)"],
    ]);
  });
});
