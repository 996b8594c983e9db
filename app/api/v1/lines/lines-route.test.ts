import { describe, expect, it } from "vitest";
import { getRequest, withAppEnv } from "../../../../lib/testing/app-env";
import { GET as linesGET } from "./[...slug]/route";

withAppEnv();

const get = getRequest;

describe("GET /api/v1/lines/<name>/<version>/<path>?start=", () => {
  it("returns the slice that holds a line, highlighted, as JSON", async () => {
    const response = await linesGET(get("/api/v1/lines/browse-pkg/2.0.0/big/huge.js?start=199990"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const slice = (await response.json()) as { start: number; end: number; html: string };
    expect(slice.start).toBe(199_500);
    expect(slice.end).toBe(200_000);
    expect(slice.html).toContain("<td data-n=199991>");
    expect(slice.html).toMatch(/<span class="k">const<\/span>/);
  });

  it("serves pretty-printed slices on request", async () => {
    const response = await linesGET(get("/api/v1/lines/browse-pkg/2.0.0/dist/app.min.js?start=0&pretty=1"));
    const slice = (await response.json()) as { end: number; html: string };
    expect(slice.end).toBeGreaterThan(100);
  });

  it.each([
    ["/api/v1/lines/browse-pkg/latest/big/huge.js?start=0", 400],
    ["/api/v1/lines/browse-pkg/2.0.0/big/huge.js?start=-1", 400],
    ["/api/v1/lines/browse-pkg/2.0.0/big/huge.js?start=200000", 404],
    ["/api/v1/lines/browse-pkg/2.0.0/assets/pixel.png?start=0", 400],
    ["/api/v1/lines/browse-pkg/2.0.0/nope.js?start=0", 404],
  ])("%s → %i", async (path, status) => {
    const response = await linesGET(get(path));
    expect(response.status).toBe(status);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
