import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SEARCH_INDEX_FILE } from "../../fixtures/search";
import type { FixtureRegistry } from "../../fixtures/registry";
import { startAppEnv } from "../testing/app-env";
import type { SearchApiAnswer } from "../search/api-types";
import { searchEndpoint } from "./search";
import { homeSearch } from "../search/home";
import { currentIndexAsset } from "../search/index-asset";
import { decodeIndex } from "../search/index-format";

// No HEX_REPO_URL: search is npm's alone, as before Hex, and nothing breaks.
let registry: FixtureRegistry;

beforeAll(async () => {
  delete process.env.HEX_REPO_URL;
  delete process.env.HEX_REPO_PUBLIC_KEY;
  ({ registry } = await startAppEnv());
  process.env.SEARCH_INDEX_FILE = FIXTURE_SEARCH_INDEX_FILE;
});
afterAll(async () => {
  await registry.close();
});

const search = async (query: string) => (await (await searchEndpoint(new Request(`http://localhost/api/v1/search?${query}`))).json()) as SearchApiAnswer;

describe("search while Hex is not configured", () => {
  it("indexes npm's names only and offers npm alone to the search box", async () => {
    const asset = await currentIndexAsset();
    expect(decodeIndex(asset.raw.toString("utf8")).map((s) => s.ecosystem)).toEqual(["npm"]);
    expect(asset.missing).toEqual([]);
    expect(await homeSearch()).toEqual({ indexPath: asset.path, ecosystems: [{ id: "npm", label: "npm", urlPrefix: "", examples: ["react", "@babel/core"] }] });
  });

  it("reads `hex:` as plain text, which is no npm name", async () => {
    const answer = await search("q=hex:decimal&check=1");
    expect(answer.ecosystem).toBeUndefined();
    expect(answer.check).toBe("skipped");
    expect(answer.registry.status).toBe("ok");
    expect((await search("q=rarely-used&check=1")).package).toEqual({ ecosystem: "npm", name: "rarely-used", latest: "0.2.0" });
  });
});
