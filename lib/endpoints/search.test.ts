import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SEARCH_INDEX_FILE } from "../../fixtures/search";
import type { FixtureRegistry } from "../../fixtures/registry";
import { npmSearch, servedNpmNames } from "../registry/npm/search";
import { startAppEnv } from "../testing/app-env";
import { withHexAppEnv } from "../testing/hex-env";
import type { SearchApiAnswer } from "../search/api-types";
import { indexEndpoint, parseSearchRequest, searchEndpoint } from "./search";
import { homeSearch } from "../search/home";
import { currentIndexAsset } from "../search/index-asset";
import { decodeIndex } from "../search/index-format";

let registry: FixtureRegistry;
const hex = withHexAppEnv();

beforeAll(async () => {
  ({ registry } = await startAppEnv());
  process.env.SEARCH_INDEX_FILE = FIXTURE_SEARCH_INDEX_FILE;
});
afterAll(async () => {
  await registry.close();
});

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });
const search = async (query: string) => {
  const response = await searchEndpoint(get(`/api/v1/search?${query}`));
  return { response, body: (await response.json()) as SearchApiAnswer };
};

describe("GET /api/v1/search", () => {
  it("returns the registry's search results", async () => {
    const { response, body } = await search("q=widget");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(body).toMatchObject({ query: "widget", check: "skipped", registry: { status: "ok" } });
    expect(body.registry.results[0]).toMatchObject({ ecosystem: "npm", name: "@scope/widget", version: "1.1.0", description: "A scoped fixture package" });
  });

  it("checks an exact name the registry's search does not know", async () => {
    const { body } = await search("q=rarely-used&check=1");
    expect(body.registry.results).toEqual([]);
    expect(body).toMatchObject({ check: "found", package: { ecosystem: "npm", name: "rarely-used", latest: "0.2.0" } });
  });

  it("says when there is no such package, and skips text that is not a name", async () => {
    expect((await search("q=no-such-package-here&check=1")).body.check).toBe("not_found");
    expect((await search("q=has%20space&check=1")).body.check).toBe("skipped");
  });

  it("narrows to Hex with `hex:`: the check asks the Hex repository, and npm's search is not asked", async () => {
    const before = registry.requests.length;
    const { body } = await search("q=hex:decimal&check=1");
    expect(body).toMatchObject({ ecosystem: "hex", check: "found", package: { ecosystem: "hex", name: "decimal", latest: "2.1.1" } });
    // A Hex repository has no full-text search: /names, in the index, is the whole list.
    expect(body.registry).toEqual({ status: "unsupported", results: [] });
    expect(registry.requests.length).toBe(before);
    expect(hex().server.requests).toContain("/packages/decimal");
    expect((await search("q=HEX:%20no_such_pkg&check=1")).body).toMatchObject({ ecosystem: "hex", check: "not_found" });
    expect((await search("q=hex:@scope/widget&check=1")).body.check).toBe("skipped");
  });

  it("reads `npm:` as npm, and text without a prefix in npm", async () => {
    const { body } = await search("q=npm:rarely-used&check=1");
    expect(body).toMatchObject({ ecosystem: "npm", check: "found", package: { ecosystem: "npm", name: "rarely-used" } });
    const plain = await search("q=decimal&check=1");
    expect(plain.body.ecosystem).toBeUndefined();
    expect(plain.body.check).toBe("not_found");
  });

  it("asks the registry for the search once per text while the answer is fresh", async () => {
    const before = registry.requests.filter((r) => r.startsWith("/-/v1/search?text=odd")).length;
    await search("q=odd");
    await search("q=odd");
    expect(registry.requests.filter((r) => r.startsWith("/-/v1/search?text=odd")).length - before).toBe(1);
  });

  it("refuses a missing, long or badly sized query with a JSON 400", async () => {
    for (const query of ["", "q=%20", `q=${"x".repeat(215)}`, "q=a&size=0", "q=a&size=99"]) {
      const response = await searchEndpoint(get(`/api/v1/search?${query}`));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { kind: string } }).error.kind).toBe("bad_request");
    }
  });

  it("parses its parameters", () => {
    expect(parseSearchRequest(new URLSearchParams("q=%20react%20&check=1&size=5"))).toEqual({ query: "react", check: true, size: 5 });
  });
});

describe("GET /api/v1/search/index/<hash>", () => {
  it("serves the configured index, immutable (Next's server compresses it)", async () => {
    const asset = await currentIndexAsset();
    const response = await indexEndpoint(get(asset.path, { "accept-encoding": "gzip, br" }), asset.hash);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("etag")).toBe(`"${asset.hash}"`);
    const sections = decodeIndex(await response.text());
    expect(sections.map((s) => s.ecosystem)).toEqual(["npm", "hex"]);
    const [npm, hexNames] = [sections[0]?.names ?? [], sections[1]?.names ?? []];
    expect(npm.slice(0, 3)).toEqual(["lodash", "react-is", "react"]);
    expect(npm).toContain("demo-pkg");
    expect(npm).not.toContain("rarely-used");
    // Hex's names come from the repository's signed /names.
    expect([...hexNames].sort()).toEqual(hex().repo.packages.map((p) => p.name).sort());
    expect(asset.names).toBe(npm.length + hexNames.length);
  });

  it("hands the search box the searched ecosystems, npm first", async () => {
    const home = await homeSearch();
    expect(home.ecosystems).toEqual([
      { id: "npm", label: "npm", urlPrefix: "", examples: ["react", "@babel/core"] },
      { id: "hex", label: "Hex", urlPrefix: "/hex", examples: ["decimal"] },
    ]);
    expect(home.indexPath).toBe((await currentIndexAsset()).path);
  });

  it("answers 304 for a known ETag", async () => {
    const asset = await currentIndexAsset();
    const again = await indexEndpoint(get(asset.path, { "if-none-match": `"${asset.hash}"` }), asset.hash);
    expect(again.status).toBe(304);
  });

  it("redirects an old hash to the current index and 404s a malformed one", async () => {
    const asset = await currentIndexAsset();
    const old = await indexEndpoint(get("/api/v1/search/index/0123456789abcdef"), "0123456789abcdef");
    expect(old.status).toBe(307);
    expect(old.headers.get("location")).toBe(asset.path);
    expect((await indexEndpoint(get("/api/v1/search/index/..%2f"), "../")).status).toBe(404);
  });

  it("adds the packages this server served, after the popular ones, on the next rebuild", async () => {
    const before = await currentIndexAsset();
    npmSearch.recordServed?.("rarely-used");
    npmSearch.recordServed?.("not a name");
    expect(await currentIndexAsset()).toBe(before); // rebuilt at most every 10 minutes
    const later = await currentIndexAsset(Date.now() + 11 * 60_000);
    expect(later.hash).not.toBe(before.hash);
    const npm = decodeIndex(later.raw.toString("utf8"))[0];
    expect(npm?.ecosystem).toBe("npm");
    expect(npm?.names.at(-1)).toBe("rarely-used");
    expect(npm?.names).not.toContain("not a name");
    servedNpmNames().flush();
  });

  it("builds without Hex while its /names fails verification, and tries again a minute later", async () => {
    const { server, repo } = hex();
    server.override("names", repo.files.get("foreign/names") ?? null);
    let at = Date.now() + 30 * 60_000;
    try {
      const without = await currentIndexAsset(at);
      expect(without.missing).toEqual(["hex"]);
      expect(decodeIndex(without.raw.toString("utf8")).map((s) => s.ecosystem)).toEqual(["npm"]);
      // The home page still gets an index: npm's.
      expect((await homeSearch()).indexPath).toBe(without.path);
    } finally {
      server.override("names", repo.files.get("names") ?? null);
    }
    at += 2 * 60_000;
    const again = await currentIndexAsset(at);
    expect(again.missing).toEqual([]);
    expect(decodeIndex(again.raw.toString("utf8")).map((s) => s.ecosystem)).toEqual(["npm", "hex"]);
  });
});
