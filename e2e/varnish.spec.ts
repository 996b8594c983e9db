import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { get, isHit, startTestVarnish, ttlOf, type Varnishd } from "../lib/testing/varnish";
import { expect, test } from "./fixtures";

/**
 * The production build (scripts/server.mjs, the e2e web server) behind a real
 * varnishd with deploy/varnish/default.vcl: what the app's headers make of
 * Varnish's cache, and a browser on the cached pages. The Varnish is this
 * file's own, so its tests run in order on one worker.
 */
test.describe.configure({ mode: "serial" });

const APP = `http://127.0.0.1:${process.env.E2E_PORT}`;
let varnish: Varnishd;

test.beforeAll(async () => {
  varnish = await startTestVarnish([{ port: Number(process.env.E2E_PORT) }]);
});

test.afterAll(async () => {
  await varnish?.stop();
});

test.describe("behind Varnish", () => {
  test("a canonical diff page is rendered once: the second request is a hit, the same bytes, without the key header", async () => {
    const path = "/diff/demo-pkg/1.1.0..1.2.0";
    const direct = await fetch(`${APP}${path}`);
    expect(direct.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    const first = await get(varnish, path);
    const firstBody = await first.text();
    const second = await get(varnish, path);
    expect(second.status).toBe(200);
    expect(isHit(first)).toBe(false);
    expect(isHit(second)).toBe(true);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(first.headers.get("xkey")).toBeNull();
    expect(second.headers.get("xkey")).toBeNull();
  });

  test("a cached page hydrates, and its client navigations (RSC, passed through) work", async ({ diffPage, page }) => {
    const path = `${varnish.url}/diff/demo-pkg/1.1.0..1.2.0`;
    expect(isHit(await get(varnish, "/diff/demo-pkg/1.1.0..1.2.0"))).toBe(true);
    const response = await diffPage.open(path);
    expect(response?.headers()["x-varnish"]).toMatch(/^\d+ \d+$/);
    await page.getByRole("link", { name: "Split" }).click();
    await expect(page).toHaveURL(`${path}?view=split`);
    await expect(diffPage.file("index.js").locator("table.diff.split")).toHaveCount(1);
  });

  test("scripts/purge.mjs removes exactly one package's pages", async () => {
    const purged = "/diff/review-pkg/1.0.0..1.1.0";
    const kept = "/browse/browse-pkg/2.0.0";
    for (const path of [purged, kept]) {
      await (await get(varnish, path)).text();
      expect(isHit(await get(varnish, path)), path).toBe(true);
    }
    const { stdout } = await promisify(execFile)(process.execPath, ["scripts/purge.mjs", "review-pkg", "--varnish", varnish.url]);
    expect(stdout).toContain("Purged 1 cached response about npm package review-pkg");
    expect(isHit(await get(varnish, purged))).toBe(false);
    expect(isHit(await get(varnish, kept))).toBe(true);
  });

  test("an error is never cached; a redirect to the canonical page is, for its five minutes", async () => {
    const unknown = "/diff/no-such-pkg/1.0.0..2.0.0";
    for (let i = 0; i < 2; i++) {
      const response = await get(varnish, unknown);
      expect(response.status).toBe(404);
      expect(isHit(response)).toBe(false);
    }
    const latest = "/diff/demo-pkg/1.1.0..latest";
    expect((await get(varnish, latest)).status).toBe(307);
    const again = await get(varnish, latest);
    expect(again.status).toBe(307);
    expect(isHit(again)).toBe(true);
    expect(await ttlOf(varnish, latest)).toEqual({ ttl: 300, grace: 0 });
  });
});
