import { describe, expect, it } from "vitest";

import { createReviewContext } from "./context";
import { fullMeta, reviewFixture } from "./test-fixtures";
import { normalizeRepositoryUrl, trustFindings } from "./trust";
import type { ReleaseMeta } from "./types";
import { hexEcosystem } from "../registry/hex/ecosystem";
import { npmEcosystem } from "../registry/npm/ecosystem";

function trust(from: ReleaseMeta | undefined, to: ReleaseMeta | undefined, ecosystem = npmEcosystem) {
  return trustFindings(createReviewContext(reviewFixture({ meta: from }, { meta: to }, { ecosystem })));
}
const messages = (findings: { severity: string; message: string }[]) => findings.map((f) => `${f.severity}: ${f.message}`);

describe("trustFindings", () => {
  it("says nothing when the trust fields are the same", () => {
    expect(trust(fullMeta(), fullMeta())).toEqual([]);
  });

  it("flags provenance lost when the registry carries attestations", () => {
    expect(messages(trust(fullMeta(), fullMeta({ attestations: undefined })))).toEqual([
      "attention: 1.1.0 was published without provenance; 1.0.0 had it",
    ]);
    expect(messages(trust(fullMeta({ attestations: false }), fullMeta()))).toEqual(["info: 1.1.0 has provenance; 1.0.0 had none"]);
  });

  it("says not available, never lost, when the registry does not carry attestations", () => {
    const stripped = fullMeta({ attestations: undefined, carried: fullMeta().carried!.filter((f) => f !== "attestations") });
    expect(messages(trust(fullMeta(), stripped))).toEqual(["info: Provenance: not available from this registry, so not compared"]);
  });

  it("says not available once for every field when the metadata lacks them all", () => {
    const findings = trust(undefined, {});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "not-available", severity: "info" });
    expect(findings[0]!.message).toMatch(/^Provenance, trusted publisher, publisher, maintainers, repository URL, git commit \(gitHead\): not available from this registry/);
  });

  it("flags a lost trusted publisher, not one kept", () => {
    const oidc = fullMeta({ npmUser: { name: "GitHub Actions", trustedPublisher: { id: "github" } } });
    const manual = fullMeta({ npmUser: { name: "GitHub Actions" } });
    expect(trust(oidc, manual).map((f) => [f.kind, f.severity])).toEqual([["trusted-publisher-lost", "attention"]]);
    expect(trust(oidc, oidc)).toEqual([]);
  });

  it("flags a new publisher who was not a maintainer, and maintainer changes", () => {
    const to = fullMeta({ npmUser: { name: "mallory" }, maintainers: [{ name: "mallory" }] });
    expect(messages(trust(fullMeta(), to))).toEqual([
      "notice: 1.1.0 was published by mallory; 1.0.0 by alice (not a maintainer of 1.0.0)",
      "notice: Maintainers changed: added mallory; removed alice",
    ]);
    const colleague = fullMeta({ npmUser: { name: "bob" }, maintainers: [{ name: "alice" }, { name: "bob" }] });
    const from = fullMeta({ maintainers: [{ name: "alice" }, { name: "bob" }] });
    expect(messages(trust(from, colleague))).toEqual(["notice: 1.1.0 was published by bob; 1.0.0 by alice"]);
  });

  it("flags a moved repository, not the same one written another way", () => {
    expect(trust(fullMeta(), fullMeta({ repositoryUrl: "https://example.com/demo/demo" }))).toEqual([]);
    expect(messages(trust(fullMeta(), fullMeta({ repositoryUrl: "https://example.org/other/demo" })))).toEqual([
      "notice: Repository changed: git+https://example.com/demo/demo.git → https://example.org/other/demo",
    ]);
  });

  it("flags a missing gitHead when carried, not available when not", () => {
    expect(trust(fullMeta(), fullMeta({ gitHead: undefined })).map((f) => f.kind)).toEqual(["git-head-missing"]);
    const notCarried = fullMeta({ gitHead: undefined, carried: fullMeta().carried!.filter((f) => f !== "gitHead") });
    expect(trust(fullMeta(), notCarried).map((f) => f.kind)).toEqual(["not-available"]);
  });

  it("has no npm trust rules for Hex", () => {
    expect(trust(fullMeta(), {}, hexEcosystem)).toEqual([]);
  });
});

describe("normalizeRepositoryUrl", () => {
  it("puts the forms npm accepts into one", () => {
    const forms = ["git+https://example.com/a/b.git", "https://EXAMPLE.com/a/b/", "git://example.com/a/b.git", "git+ssh://git@example.com/a/b.git", "git@example.com:a/b.git"];
    expect(new Set(forms.map(normalizeRepositoryUrl))).toEqual(new Set(["example.com/a/b"]));
    expect(normalizeRepositoryUrl("https://example.com/a/c")).not.toBe("example.com/a/b");
  });
});
