import { describe, expect, it } from "vitest";
import { DECIMAL_RELEASE_METADATA } from "../../fixtures/hex/packages";
import { loadBrowsePage } from "../browse/browse-page";
import { hexEcosystem } from "../registry/hex/ecosystem";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { withAppEnv } from "../testing/app-env";
import { withHexAppEnv } from "../testing/hex-env";

withAppEnv();
withHexAppEnv();

async function metadataOf(ecosystem: typeof hexEcosystem, segments: string[]) {
  const data = await loadBrowsePage(ecosystem, segments);
  if (data.kind !== "page") throw new Error(`expected a page, got a redirect to ${data.location}`);
  return data.page.metadata;
}

describe("the release metadata of a browse page", () => {
  it("is what the Hex release's metadata.config says, on every page of the version", async () => {
    expect(await metadataOf(hexEcosystem, ["decimal", "2.1.1"])).toEqual(DECIMAL_RELEASE_METADATA);
    expect(await metadataOf(hexEcosystem, ["decimal", "2.1.1", "lib", "decimal.ex"])).toEqual(DECIMAL_RELEASE_METADATA);
  });

  it("links only http(s) URLs, as a README would", async () => {
    const metadata = await metadataOf(hexEcosystem, ["jason", "1.4.0"]);
    expect(metadata?.links.map((l) => l.name).sort()).toEqual(["Changelog", "GitHub"]);
    expect(JSON.stringify(metadata)).not.toContain("javascript:");
  });

  it("is absent for an ecosystem that has none (npm)", async () => {
    expect(npmEcosystem.releaseMetadata).toBeUndefined();
    expect(await metadataOf(npmEcosystem, ["demo-pkg", "1.2.0"])).toBeUndefined();
  });
});
