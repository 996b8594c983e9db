import { expect, test } from "./fixtures";

const DIFF = "/diff/demo-pkg/1.1.0..1.2.0";
const CARD = "/og/diff/demo-pkg/1.1.0..1.2.0.png";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe("link previews", () => {
  test("a diff page says what changed and links its card, which loads as a 1200×630 PNG", async ({ diffPage, page }) => {
    await diffPage.open(DIFF);
    await expect(page).toHaveTitle(/^demo-pkg 1\.1\.0 → 1\.2\.0 · \d+ files · \+\d+ −\d+ · /);
    const meta = (selector: string) => page.locator(`meta[${selector}]`).getAttribute("content");
    expect(await meta('name="description"')).toMatch(/^\d+ files changed, \+\d+ −\d+\. .*Most changed: /);
    expect(await meta('property="og:title"')).toBe((await page.title()).replace(/ · pkgdiff$/, ""));
    // Relative without PUBLIC_URL (the server here has none); absolute against it when set (lib/previews/metadata.test.ts).
    expect(new URL((await meta('property="og:url"')) ?? "", page.url()).pathname).toBe(DIFF);
    expect(await meta('property="og:image:width"')).toBe("1200");
    expect(await meta('property="og:image:height"')).toBe("630");
    expect(await meta('name="twitter:card"')).toBe("summary_large_image");
    const image = (await meta('property="og:image"')) ?? "";
    expect(new URL(image).pathname).toBe(CARD);

    // Same host as the page (the server has no PUBLIC_URL here: Next's own base names localhost).
    const response = await page.request.get(new URL(image).pathname);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(pngSize(await response.body())).toEqual({ width: 1200, height: 630 });
  });

  test("a link-preview bot gets the tags in the page's head", async ({ request }) => {
    const html = await (await request.get(DIFF, { headers: { "user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" } })).text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain('<meta property="og:image:width" content="1200"/>');
    expect(head).toMatch(/<meta property="og:image" content="[^"]+\/og\/diff\/demo-pkg\/1\.1\.0\.\.1\.2\.0\.png"\/>/);
    expect(head).toContain('<meta name="twitter:card" content="summary_large_image"/>');
  });

  test("a browse page has its own title, description and canonical URL", async ({ page }) => {
    await page.goto("/browse/browse-pkg/2.0.0");
    await expect(page).toHaveTitle(/^browse-pkg@2\.0\.0 · source/);
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toMatch(/^Browse the published source of browse-pkg@2\.0\.0: \d+ files, /);
    expect(new URL((await page.locator('meta[property="og:url"]').getAttribute("content")) ?? "", page.url()).pathname).toBe("/browse/browse-pkg/2.0.0");
  });

  test("a page of many upgrades names them, links its canonical URL and its first diff's card", async ({ request }) => {
    const html = await (await request.get("/diffs?d=demo-pkg:1.1.0:1.2.0&d=@scope/widget:1.0.0:1.1.0", { headers: { "user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" } })).text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain("<title>2 upgrades: @scope/widget 1.0.0 → 1.1.0, demo-pkg 1.1.0 → 1.2.0 · pkgdiff</title>");
    expect(head).toContain('<meta name="description" content="What changed in @scope/widget 1.0.0 → 1.1.0 and demo-pkg 1.1.0 → 1.2.0: every file&#x27;s diff and each package&#x27;s review summary."/>');
    expect(head).toMatch(/<meta property="og:url" content="[^"]*\/diffs\?d=@scope\/widget:1\.0\.0:1\.1\.0&amp;d=demo-pkg:1\.1\.0:1\.2\.0"\/>/);
    expect(head).toMatch(/<meta property="og:image" content="[^"]+\/og\/diff\/@scope\/widget\/1\.0\.0\.\.1\.1\.0\.png"\/>/);
  });

  test("the card of a tag redirects to the exact card, an unknown version is a 404", async ({ request }) => {
    const redirect = await request.get("/og/diff/demo-pkg/1.1.0..latest.png", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers().location).toMatch(/^\/og\/diff\/demo-pkg\/1\.1\.0\.\.[^/]+\.png$/);
    expect((await request.get("/og/diff/demo-pkg/1.1.0..9.9.9.png")).status()).toBe(404);
  });
});

test.describe("copy link", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("copies the canonical URL, with the selected lines when there are some", async ({ diffPage, page }) => {
    await diffPage.open(DIFF);
    const copy = page.getByTestId("copy-link");
    await copy.click();
    await expect(copy).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

    const cells = diffPage.file("lib/util.ts").locator("td[data-r]");
    await cells.nth(1).click();
    await cells.nth(3).click({ modifiers: ["Shift"] });
    await expect(page).toHaveURL(/#file-lib\/util\.ts-R\d+-R\d+$/);
    await copy.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    expect(page.url()).toMatch(/\/diff\/demo-pkg\/1\.1\.0\.\.1\.2\.0#file-lib\/util\.ts-R\d+-R\d+$/);
  });
});
