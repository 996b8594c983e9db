import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getRequest, withAppEnv } from "../../lib/testing/app-env";
import { GET as ecosystemGET } from "./[ecosystem]/diff/[...slug]/route";
import { GET } from "./diff/[...slug]/route";

withAppEnv();

/** Calls `/og/diff/[...slug]` as Next does: the slug is what follows `/og/diff/`, still encoded. */
const card = (urlPath: string, headers: Record<string, string> = {}) => {
  const request = getRequest(urlPath, headers);
  const slug = new URL(request.url).pathname.split("/").slice(3);
  return GET(request, { params: Promise.resolve({ slug }) });
};

/** Width and height from a PNG's IHDR chunk (the first chunk: bytes 16–23, big-endian). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.subarray(0, 8)]).toEqual(signature);
  expect(Buffer.from(bytes.subarray(12, 16)).toString("latin1")).toBe("IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("GET /og/diff/<name>/<from>..<to>.png", () => {
  it("draws a 1200×630 PNG, immutable, with an ETag that answers 304", async () => {
    const response = await card("/og/diff/review-pkg/1.0.0..1.1.0.png");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("xkey")).toBe("pkg:npm:review-pkg eco:npm");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get("content-length"))).toBe(bytes.byteLength);
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
    // Kept for a look (the .cache folder is ignored by git).
    await mkdir(path.join(".cache", "og"), { recursive: true });
    await writeFile(path.join(".cache", "og", "review-pkg-1.0.0..1.1.0.png"), bytes);

    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[^"]+"$/); // strong: the same card is the same bytes
    const again = await card("/og/diff/review-pkg/1.0.0..1.1.0.png", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await again.arrayBuffer()).toHaveProperty("byteLength", 0);
  });

  it("gives another card (and ETag) when whitespace is ignored, and for other versions", async () => {
    const [plain, ignoring, other] = await Promise.all([
      card("/og/diff/demo-pkg/1.0.0..1.1.0.png"),
      card("/og/diff/demo-pkg/1.0.0..1.1.0.png?w=1"),
      card("/og/diff/demo-pkg/1.1.0..1.2.0.png"),
    ]);
    for (const r of [plain, ignoring, other]) expect(r.status).toBe(200);
    const etags = new Set([plain, ignoring, other].map((r) => r.headers.get("etag")));
    expect(etags.size).toBe(3);
    const bytes = new Uint8Array(await other.arrayBuffer());
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
    await writeFile(path.join(".cache", "og", "demo-pkg-1.1.0..1.2.0.png"), bytes);
  });

  it("redirects tags, ranges and a single version to the exact card, short-lived", async () => {
    for (const [from, to] of [
      ["/og/diff/review-pkg/1.0.0..latest.png", "/og/diff/review-pkg/1.0.0..1.1.1.png"],
      ["/og/diff/review-pkg/1.0.0...png?w=1", "/og/diff/review-pkg/1.0.0..1.1.1.png?w=1"],
      ["/og/diff/review-pkg/1.1.0.png", "/og/diff/review-pkg/1.0.0..1.1.0.png"],
    ] as const) {
      const response = await card(from);
      expect(response.status, from).toBe(307);
      expect(response.headers.get("location")).toBe(to);
      expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    }
  });

  it.each([
    ["/og/diff/no-such-package-here/1.0.0..1.1.0.png", 404],
    ["/og/diff/review-pkg/1.0.0..9.9.9.png", 404],
    ["/og/diff/review-pkg/1.0.0..1.1.0", 404],
    ["/og/diff/review-pkg.png", 404],
    ["/og/diff/review-pkg/1.0.0..1.1.0.patch.png", 400],
    ["/og/diff/review-pkg/1.0.0..1.1.0.png?w=2", 400],
  ])("%s → %i, never cached", async (urlPath, status) => {
    const response = await card(urlPath);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 for an ecosystem that does not exist", async () => {
    const request = getRequest("/og/nope/diff/review-pkg/1.0.0..1.1.0.png");
    const response = await ecosystemGET(request, { params: Promise.resolve({ ecosystem: "nope", slug: ["review-pkg", "1.0.0..1.1.0.png"] }) });
    expect(response.status).toBe(404);
  });
});
