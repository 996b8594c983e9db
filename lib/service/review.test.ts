import { describe, expect, it } from "vitest";
import { withAppEnv } from "../testing/app-env";
import { getService } from "./instance";

withAppEnv();

/** The review summary computed with a diff, from the tarballs and the fixture registry's packument. */
describe("a diff's review summary", () => {
  it("flags the attack-shaped upgrade: a postinstall running a new obfuscated file, provenance lost, a new publisher", async () => {
    const diff = await getService("npm").getDiff("review-pkg", "1.0.0", "1.1.0", { ignoreWhitespace: false });
    const summary = diff.summary;
    expect(summary).toBeDefined();
    if (!summary) return;
    const kinds = summary.findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(["install-script-added", "obfuscation", "provenance-lost", "publisher-changed"]));
    expect(summary.counts.attention).toBeGreaterThanOrEqual(3);
    expect(summary.headline).toMatch(/things need attention/);
    const script = summary.findings.find((f) => f.kind === "install-script-added");
    expect(script?.severity).toBe("attention");
    // The finding links to the added line of package.json and to the file it runs.
    expect(script?.anchors).toEqual(expect.arrayContaining(["file-bundle.js"]));
    expect(script?.anchors?.[0]).toMatch(/^file-package\.json-R\d+$/);
    const obfuscation = summary.findings.find((f) => f.kind === "obfuscation");
    expect(obfuscation?.file).toBe("bundle.js");
    expect(summary.dependencies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "left-pad", from: "^1.3.0", to: "^2.0.0", change: "major", link: "/diff/left-pad/%5E1.3.0..%5E2.0.0" }),
        expect.objectContaining({ name: "helper", from: null, change: "added" }),
      ]),
    );
    expect(summary.scripts).toEqual([expect.objectContaining({ name: "postinstall", from: null, to: "node bundle.js", installTime: true })]);
  });

  it("says nothing of note for a quiet patch, and is cached with the diff", async () => {
    const service = getService("npm");
    const diff = await service.getDiff("review-pkg", "1.1.0", "1.1.1", { ignoreWhitespace: false });
    expect(diff.summary?.headline).toBe("No install scripts, no new dependencies, no risky code added");
    expect(diff.summary?.counts).toMatchObject({ attention: 0, notice: 0 });
    const again = await service.getDiff("review-pkg", "1.1.0", "1.1.1", { ignoreWhitespace: false });
    expect(again.summary).toEqual(diff.summary);
  });

  it("says provenance and publisher are not available where the registry does not carry them", async () => {
    // demo-pkg's packument has no _npmUser, dist.attestations, repository or gitHead at all.
    const diff = await getService("npm").getDiff("demo-pkg", "1.1.0", "1.2.0", { ignoreWhitespace: false });
    const notAvailable = diff.summary?.findings.find((f) => f.kind === "not-available");
    expect(notAvailable?.severity).toBe("info");
    expect(notAvailable?.message).toMatch(/not available from this registry/);
    expect(diff.summary?.findings.some((f) => f.kind === "provenance-lost" || f.kind === "publisher-changed")).toBe(false);
  });
});
