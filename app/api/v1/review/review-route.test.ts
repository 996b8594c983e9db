import { describe, expect, it } from "vitest";
import { getRequest, withAppEnv } from "../../../../lib/testing/app-env";
import { GET as diffGET } from "../diff/[...slug]/route";
import { GET } from "./[...slug]/route";

withAppEnv();

const call = (handler: typeof GET, path: string, headers: Record<string, string> = {}) => {
  const request = getRequest(path, headers);
  const slug = new URL(request.url).pathname.split("/").slice(4);
  return handler(request, { params: Promise.resolve({ slug }) });
};

describe("GET /api/v1/review/<name>/<from>..<to>", () => {
  it("returns the same summary as the diff JSON, immutable, with an ETag and 304", async () => {
    const review = await call(GET, "/api/v1/review/review-pkg/1.0.0..1.1.0");
    expect(review.status).toBe(200);
    expect(review.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(review.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = (await review.json()) as { name: string; from: string; to: string; summary: { headline: string; findings: { kind: string }[] } };
    expect(body).toMatchObject({ name: "review-pkg", from: "1.0.0", to: "1.1.0" });
    expect(body.summary.findings.map((f) => f.kind)).toContain("install-script-added");

    const diff = (await (await call(diffGET, "/api/v1/diff/review-pkg/1.0.0..1.1.0")).json()) as { summary: unknown; files: unknown[] };
    expect(diff.summary).toEqual(body.summary);
    expect(diff.files.length).toBeGreaterThan(0);

    const etag = review.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    const again = await call(GET, "/api/v1/review/review-pkg/1.0.0..1.1.0", { "if-none-match": etag });
    expect(again.status).toBe(304);
  });

  it("classifies the express upgrade: body-parser a patch, cookie breaking in 0.x, each linked to its own diff", async () => {
    const response = await call(GET, "/api/v1/review/express/4.18.2..4.19.2");
    expect(response.status).toBe(200);
    const { summary } = (await response.json()) as {
      summary: { dependencies: { name: string; change: string; link?: string }[]; findings: { kind: string; message: string }[] };
    };
    expect(summary.dependencies).toEqual([
      { name: "body-parser", type: "dependencies", from: "1.20.1", to: "1.20.2", change: "patch", link: "/diff/body-parser/1.20.1..1.20.2" },
      { name: "cookie", type: "dependencies", from: "0.5.0", to: "0.6.0", change: "major", link: "/diff/cookie/0.5.0..0.6.0" },
    ]);
    expect(summary.findings.filter((f) => f.kind.startsWith("dependenc")).map((f) => f.message)).toEqual([
      "cookie 0.5.0 → 0.6.0: breaking change in 0.x (major)",
    ]);
  });

  it("redirects tags and an open end to the canonical review URL", async () => {
    const response = await call(GET, "/api/v1/review/review-pkg/1.0.0..");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/api/v1/review/review-pkg/1.0.0..1.1.1");
  });

  it.each([
    ["/api/v1/review/review-pkg/1.0.0..1.1.0.patch", 400],
    ["/api/v1/review/review-pkg", 400],
    ["/api/v1/review/no-such-package-here/1.0.0..1.1.0", 404],
    ["/api/v1/review/review-pkg/1.0.0..9.9.9", 404],
  ])("%s → %i as JSON", async (path, status) => {
    const response = await call(GET, path);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
