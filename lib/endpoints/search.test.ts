import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SEARCH_INDEX_FILE } from "../../fixtures/search";
import type { FixtureRegistry } from "../../fixtures/registry";
import { startAppEnv } from "../testing/app-env";
import type { SearchApiAnswer } from "../search/api-types";
import { indexEndpoint, parseSearchRequest, searchEndpoint } from "./search";
import { currentIndexAsset, recordServedPackage, servedNames } from "../search/index-asset";
import { decodeIndex } from "../search/index-format";

let registry: FixtureRegistry;

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
    expect(body.registry.results[0]).toMatchObject({ name: "@scope/widget", version: "1.1.0", description: "A scoped fixture package" });
  });

  it("checks an exact name the registry's search does not know", async () => {
    const { body } = await search("q=rarely-used&check=1");
    expect(body.registry.results).toEqual([]);
    expect(body).toMatchObject({ check: "found", package: { name: "rarely-used", latest: "0.2.0" } });
  });

  it("says when there is no such package, and skips text that is not a name", async () => {
    expect((await search("q=no-such-package-here&check=1")).body.check).toBe("not_found");
    expect((await search("q=has%20space&check=1")).body.check).toBe("skipped");
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
    const names = decodeIndex(await response.text());
    expect(names.slice(0, 3)).toEqual(["lodash", "react-is", "react"]);
    expect(names).toContain("demo-pkg");
    expect(names).not.toContain("rarely-used");
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
    recordServedPackage("rarely-used");
    recordServedPackage("not a name");
    expect(await currentIndexAsset()).toBe(before); // rebuilt at most every 10 minutes
    const later = await currentIndexAsset(Date.now() + 11 * 60_000);
    expect(later.hash).not.toBe(before.hash);
    const names = decodeIndex(later.raw.toString("utf8"));
    expect(names.at(-1)).toBe("rarely-used");
    expect(names).not.toContain("not a name");
    servedNames().flush();
  });
});
