import { describe, expect, it } from "vitest";

import { NOTHING_OF_NOTE, headline, summarize } from "./summarize";
import { SCENARIOS, reviewFixture } from "./test-fixtures";
import type { ReviewSummary } from "./types";
import { hexEcosystem } from "../registry/hex/ecosystem";

const brief = (summary: ReviewSummary) => summary.findings.map((f) => `${f.severity} ${f.kind}`);

describe("summarize: the issue's fixtures", () => {
  it("puts a new postinstall running a new obfuscated bundle.js first, linked to the lines", () => {
    const summary = summarize(SCENARIOS.postinstallWithBundle());
    expect(summary.headline).toBe("2 things need attention · 3 notices");
    expect(brief(summary).slice(0, 2)).toEqual(["attention install-script-added", "attention obfuscation"]);
    const [script, obfuscation] = summary.findings;
    expect(script!.message).toBe("New postinstall script: node bundle.js (runs bundle.js, new in this version)");
    expect(script!.anchors).toEqual(["file-package.json-R6", "file-bundle.js"]);
    expect(obfuscation!.anchors).toEqual(["file-bundle.js-R1"]);
    expect(summary.scripts).toEqual([{ name: "postinstall", from: null, to: "node bundle.js", installTime: true }]);
  });

  it("flags a changed preinstall", () => {
    const summary = summarize(SCENARIOS.preinstallChanged());
    expect(summary.counts.attention).toBe(1);
    expect(summary.findings[0]!.message).toBe("preinstall script changed: node check.js → node setup_bun.js (runs setup_bun.js, new in this version)");
  });

  it("classifies a major bump, a minor bump and a dependency added from git", () => {
    const summary = summarize(SCENARIOS.dependencyBumps());
    expect(summary.dependencies.map((d) => [d.name, d.change])).toEqual([
      ["fromgit", "added"],
      ["major", "major"],
      ["minor", "minor"],
    ]);
    expect(brief(summary)).toEqual(["notice dependency-source", "notice dependency-major", "info not-available"]);
  });

  it("flags provenance lost, a publisher change and a license change", () => {
    expect(brief(summarize(SCENARIOS.provenanceLost()))).toEqual(["attention provenance-lost", "info publish-interval"]);
    expect(brief(summarize(SCENARIOS.publisherChanged()))).toEqual(["notice publisher-changed", "notice maintainers-changed", "info publish-interval"]);
    expect(brief(summarize(SCENARIOS.licenseChanged())).slice(0, 2)).toEqual(["notice license-changed", "notice license-file-changed"]);
  });

  it("flags a new .node file", () => {
    const summary = summarize(SCENARIOS.nativeAddonAdded());
    expect(summary.findings[0]).toMatchObject({ kind: "native-file", severity: "attention", file: "build/Release/addon.node" });
  });

  it("reports the eval added in one file, not the one already present in another", () => {
    const evals = summarize(SCENARIOS.evalAddedAndExisting()).findings.filter((f) => f.kind === "eval");
    expect(evals.map((f) => [f.file, f.anchors])).toEqual([["a.js", ["file-a.js-R2"]]]);
  });

  it("says there is nothing of note for a plain upgrade", () => {
    const summary = summarize(SCENARIOS.nothingOfNote());
    expect(summary.headline).toBe(NOTHING_OF_NOTE);
    expect(summary.counts).toEqual({ attention: 0, notice: 0, info: 1 });
    expect(summary.findings.map((f) => f.message)).toEqual(["1.1.0 was published 3 days after 1.0.0"]);
  });

  it("says trust data is not available when the release metadata lacks it, and reports no downgrade", () => {
    const summary = summarize(reviewFixture({ manifest: {} }, { manifest: {}, meta: {} }));
    expect(summary.findings).toEqual([
      {
        kind: "not-available",
        severity: "info",
        message: "Provenance, trusted publisher, publisher, maintainers, repository URL, git commit (gitHead): not available from this registry, so not compared",
        data: { fields: ["provenance", "trusted publisher", "publisher", "maintainers", "repository URL", "git commit (gitHead)"] },
      },
    ]);
    expect(summary.headline).toBe(NOTHING_OF_NOTE);
  });

  it("says Hex requirements are not available when the registry gave none", () => {
    const summary = summarize(reviewFixture({ files: { "mix.exs": "defmodule A do end\n" } }, { files: { "mix.exs": "defmodule B do end\n" } }, { ecosystem: hexEcosystem }));
    expect(brief(summary)).toEqual(["info not-available"]);
    expect(summary.findings[0]!.message).toBe("Dependencies: not available from this registry, so not compared");
  });
});

describe("summarize: shape of the result", () => {
  it("is deterministic and survives JSON unchanged", () => {
    const input = SCENARIOS.postinstallWithBundle();
    const summary = summarize(input);
    expect(JSON.stringify(summarize(input))).toBe(JSON.stringify(summary));
    expect(JSON.parse(JSON.stringify(summary))).toStrictEqual(summary);
  });

  it("sorts findings by severity and counts them", () => {
    const summary = summarize(SCENARIOS.postinstallWithBundle());
    const ranks = summary.findings.map((f) => ["attention", "notice", "info"].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(summary.counts.attention + summary.counts.notice + summary.counts.info).toBe(summary.findings.length);
  });

  it("carries sizes and file counts of both versions", () => {
    const input = SCENARIOS.nativeAddonAdded();
    const summary = summarize(input);
    expect(summary.size).toEqual({ from: input.from.tree.unpackedBytes, to: input.to.tree.unpackedBytes });
    expect(summary.files).toEqual({ from: 1, to: 2 });
  });
});

describe("headline", () => {
  it("counts what needs attention and the notices, never the info", () => {
    expect(headline({ attention: 2, notice: 3, info: 1 })).toBe("2 things need attention · 3 notices");
    expect(headline({ attention: 1, notice: 0, info: 0 })).toBe("1 thing needs attention");
    expect(headline({ attention: 0, notice: 1, info: 5 })).toBe("1 notice");
    expect(headline({ attention: 0, notice: 0, info: 5 })).toBe(NOTHING_OF_NOTE);
  });
});
