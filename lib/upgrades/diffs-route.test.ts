import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { decodeProblem, PROBLEM_HEADER } from "../http/problem";
import { withAppEnv } from "../testing/app-env";
import { parseDiffsQuery } from "./entries";
import { loadEntryDiff } from "./resolve-entries";

// Read on the first getService(): two misses per minute per client, for the per-entry charge.
process.env.RATE_LIMIT_MISSES = "2";
withAppEnv();

const call = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${path}`, { headers }));
const location = (response: Response) => {
  const url = new URL(response.headers.get("location")!);
  return url.pathname + url.search;
};
const problemOf = (response: Response) => decodeProblem(response.headers.get(`x-middleware-request-${PROBLEM_HEADER}`));
const WHOLE = { ignoreWhitespace: false };

describe("/diffs in the proxy", () => {
  it("redirects tags, ranges and shorthands to exact versions, sorted, each once (307, short-lived)", async () => {
    const response = await call("/diffs?d=demo-pkg:1.0.0:latest&d=@scope/widget:^1.0.0..&d=demo-pkg:1.0.0..1.2.0");
    expect(response.status).toBe(307);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(location(response)).toBe("/diffs?d=@scope/widget:1.1.0:1.1.0&d=demo-pkg:1.0.0:1.2.0");
  });

  it("redirects Hex's diffs[]= form and percent-encoded names to the d= form; the canonical one renders", async () => {
    expect(location(await call("/diffs?diffs[]=demo-pkg:1.0.0:1.1.0&view=split"))).toBe("/diffs?d=demo-pkg:1.0.0:1.1.0&view=split");
    // What the view toggle sends (URLSearchParams encodes @, / and :) names the same page: no redirect.
    const encoded = await call("/diffs?d=%40scope%2Fwidget%3A1.0.0%3A1.1.0&view=split");
    expect(encoded.status).toBe(200);
    const canonical = await call("/diffs?d=@scope/widget:1.0.0:1.1.0&d=demo-pkg:1.0.0:1.1.0");
    expect(canonical.status).toBe(200);
    // Not computed yet: nothing on it may be kept for good.
    expect(canonical.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("is immutable, with an ETag, once every entry's diff is cached", async () => {
    const search = "?d=canary-pkg:1.0.0:1.1.0&d=viewer-pkg:1.0.0:1.1.0";
    for (const entry of parseDiffsQuery(new URLSearchParams(search)).entries) {
      expect((await loadEntryDiff(entry, WHOLE, {})).ok).toBe(true);
    }
    const page = await call(`/diffs${search}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = page.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"/);
    expect((await call(`/diffs${search}`, { "if-none-match": etag })).status).toBe(304);
  });

  it("keeps an entry that does not resolve as written: the page renders and shows its error in place", async () => {
    const response = await call("/diffs?d=demo-pkg:1.0.0:1.1.0&d=no-such-pkg:1.0.0:latest");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("answers 400 naming a malformed entry, and 400 saying so past 50 entries", async () => {
    const malformed = await call("/diffs?d=demo-pkg:1.0.0:1.1.0&d=demo-pkg@1.0.0");
    expect(malformed.status).toBe(400);
    expect(problemOf(malformed)?.message).toBe('The entry "demo-pkg@1.0.0" is not <name>:<from>:<to> (no colon).');
    const many = Array.from({ length: 51 }, (_, i) => `d=demo-pkg:1.0.${i}:1.1.0`).join("&");
    const tooMany = await call(`/diffs?${many}`);
    expect(tooMany.status).toBe(400);
    expect(problemOf(tooMany)?.message).toContain("at most 50 upgrades; this link names 51");
    expect((await call("/diffs")).status).toBe(400);
  });

  it("has no prefixed twin: /hex/diffs is a 404", async () => {
    expect((await call("/hex/diffs?d=demo-pkg:1.0.0:1.1.0")).status).toBe(404);
  });
});

describe("loadEntryDiff", () => {
  it("charges each uncached entry one miss of its client's budget, like a single diff", async () => {
    const client = "198.51.100.20";
    const { entries } = parseDiffsQuery(new URLSearchParams("d=demo-pkg:1.1.0:1.2.0&d=demo-pkg:1.0.0:1.2.0&d=browse-pkg:1.0.0:2.0.0"));
    const results = [];
    for (const entry of entries) results.push(await loadEntryDiff(entry, WHOLE, { client }));
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    const last = results[2]!;
    expect(!last.ok && last.error).toMatchObject({ kind: "rate_limited" });
    // A cached entry is free; another client has its own budget.
    expect((await loadEntryDiff(entries[0]!, WHOLE, { client })).ok).toBe(true);
    expect((await loadEntryDiff(entries[2]!, WHOLE, { client: "198.51.100.21" })).ok).toBe(true);
  });

  it("reports an unknown version in its entry", async () => {
    const [entry] = parseDiffsQuery(new URLSearchParams("d=demo-pkg:1.0.0:9.9.9")).entries;
    const result = await loadEntryDiff(entry!, WHOLE, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ kind: "version_not_found" });
  });
});

