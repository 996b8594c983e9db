import { describe, expect, it } from "vitest";
import { getRequest, withAppEnv } from "../../lib/testing/app-env";
import { GET, HEAD } from "./[...slug]/route";

withAppEnv();

const get = getRequest;

function expectInert(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("content-security-policy")).toBe("sandbox");
}

describe("GET /raw/<name>/<version>/<path>", () => {
  it("serves text as text/plain, immutable, with an ETag", async () => {
    const response = await GET(get("/raw/browse-pkg/2.0.0/src/index.js"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("etag")).toMatch(/^".+"$/);
    expectInert(response);
    expect(await response.text()).toContain("function step(n, label)");
  });

  it("never serves active content: SVG and HTML-looking files are text/plain", async () => {
    const svg = await GET(get("/raw/browse-pkg/2.0.0/assets/icon.svg"));
    expect(svg.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expectInert(svg);
    const readme = await GET(get("/raw/browse-pkg/2.0.0/README.md"));
    expect(readme.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await readme.text()).toContain("<script>window.__pwned = 1</script>");
  });

  it("serves an SVG asked for as an image (a README's logo) as an inert picture: no script, nothing loaded, a download if opened", async () => {
    const url = "/raw/browse-pkg/2.0.0/assets/icon.svg?as=image";
    const image = await GET(get(url));
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/svg+xml");
    expect(image.headers.get("content-disposition")).toBe("attachment");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(image.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
    // Its own ETag: the same bytes as text are another response.
    const text = await GET(get("/raw/browse-pkg/2.0.0/assets/icon.svg"));
    expect(image.headers.get("etag")).not.toBe(text.headers.get("etag"));
    expect(await image.text()).toBe(await text.text());
    // Only SVG files are: anything else asked for as an image stays inert text.
    const js = await GET(get("/raw/browse-pkg/2.0.0/src/index.js?as=image"));
    expect(js.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expectInert(js);
  });

  it("serves real images as images and other binaries as octet-stream, byte for byte", async () => {
    const png = await GET(get("/raw/browse-pkg/2.0.0/assets/pixel.png"));
    expect(png.headers.get("content-type")).toBe("image/png");
    expectInert(png);
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.headers.get("content-length")).toBe(String(bytes.length));
    const blob = await GET(get("/raw/browse-pkg/2.0.0/assets/blob.bin"));
    expect(blob.headers.get("content-type")).toBe("application/octet-stream");
    // demo-pkg's logo.png only starts like a PNG header plus noise: still not served as an image unless sniffed as one.
    const logo = await GET(get("/raw/demo-pkg/1.2.0/assets/logo.png"));
    expect(logo.headers.get("content-type")).toBe("image/png");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await GET(get("/raw/browse-pkg/2.0.0/src/index.js"));
    const etag = first.headers.get("etag")!;
    const second = await GET(get("/raw/browse-pkg/2.0.0/src/index.js", { "if-none-match": etag }));
    expect(second.status).toBe(304);
    expect(second.headers.get("etag")).toBe(etag);
  });

  it("redirects tags and ranges to the exact version, short-lived", async () => {
    for (const spec of ["latest", "^2", "2"]) {
      const response = await GET(get(`/raw/browse-pkg/${spec}/src/index.js`));
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toBe("/raw/browse-pkg/2.0.0/src/index.js");
      expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    }
  });

  it("handles scoped names and encoded file names", async () => {
    const scoped = await GET(get("/raw/@scope/widget/1.1.0/src/theme.js"));
    expect(scoped.status).toBe(200);
    expect(await scoped.text()).toContain("themeClass");
    const odd = await GET(get("/raw/browse-pkg/2.0.0/docs/odd%20name%20%25.txt"));
    expect(odd.status).toBe(200);
    expect(await odd.text()).toContain("a space and a percent sign");
  });

  it.each([
    ["/raw/browse-pkg/2.0.0/nope.js", 404, "has no file nope.js"],
    ["/raw/browse-pkg/2.0.0/src", 404, "is a folder"],
    ["/raw/browse-pkg/2.0.0/src/alias.js", 404, "symlink to index.js"],
    ["/raw/browse-pkg/9.9.9/src/index.js", 404, "no version matching"],
    ["/raw/no-such-pkg/1.0.0/x.js", 404, ""],
    ["/raw/browse-pkg/2.0.0", 400, "Give a version and a file path"],
    ["/raw/browse-pkg/2.0.0/a//b", 400, "empty"],
  ])("%s → %i", async (path, status, message) => {
    const response = await GET(get(path));
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expectInert(response);
    expect(await response.text()).toContain(message);
  });

  it("answers HEAD like GET", async () => {
    const response = await HEAD(get("/raw/browse-pkg/2.0.0/src/index.js"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });
});
