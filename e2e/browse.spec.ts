import { expect, type Page, test } from "@playwright/test";

// browse-pkg (fixtures/browse-pkg.ts): 2.0.0 (latest) has src/util/numbers.js, big/huge.js
// (200,000 lines) and more; 1.0.0 has neither, for the version switcher's fallbacks.
const ROOT = "/browse/browse-pkg/2.0.0";

/** Page object for a browse page. */
class BrowsePage {
  constructor(readonly page: Page) {}

  /** Opens a page and waits until it is interactive (hydrated: the `t` shortcut is listening). */
  async open(path: string) {
    const response = await this.page.goto(path);
    if (response?.ok()) await this.page.locator('[data-testid="finder-open"][data-ready]').waitFor();
    return response;
  }

  /** Waits until the code view handles line clicks. */
  async codeReady() {
    await this.page.locator(".code-view[data-ready]").first().waitFor();
  }

  tree() {
    return this.page.getByTestId("file-tree");
  }

  folder(path: string) {
    return this.tree().locator(`button[data-path="${path}"]`);
  }

  file(path: string) {
    return this.tree().locator(`a[data-path="${path}"]`);
  }

  /** The row of line `n` in the code view (by its number cell: `tr:has(...)` is slow on 1,000-row tables). */
  line(n: number) {
    return this.page.locator(`.code-view td[data-n="${n}"]`).locator("xpath=..");
  }

  marked() {
    return this.page.locator(".code-view tr.marked");
  }

  pathname() {
    return new URL(this.page.url()).pathname;
  }
}

const it = test.extend<{ browse: BrowsePage }>({
  // Playwright's fixture callback is named `use`; it is not a React hook.
  browse: async ({ page }, provide) => {
    await provide(new BrowsePage(page));
  },
});

test.describe("browse pages", () => {
  it("/browse/<name> redirects to the latest version; canonical pages are immutable", async ({ browse, page }) => {
    const response = await browse.open("/browse/browse-pkg");
    expect(browse.pathname()).toBe(ROOT);
    const redirect = await response?.request().redirectedFrom()?.response();
    expect(redirect?.status()).toBe(307);
    expect(redirect?.headers()["cache-control"]).toBe("public, max-age=300");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response?.headers().etag).toMatch(/^W\/".+"$/); // weak: each rendering has its own CSP nonce
    await expect(page.getByTestId("browse-title")).toHaveText("browse-pkg");
    await expect(page).toHaveTitle(/browse-pkg@2\.0\.0/);

    await browse.open("/browse/browse-pkg/^1/src/index.js");
    expect(browse.pathname()).toBe("/browse/browse-pkg/1.0.0/src/index.js");
  });

  it("renders the README as sanitized Markdown, with a toggle to its source", async ({ browse, page }) => {
    await browse.open(ROOT);
    const md = page.getByTestId("markdown");
    await expect(md.getByRole("heading", { name: "Install" })).toBeVisible();
    await expect(md.locator("strong")).toHaveText("source browsing");
    await expect(md.locator("table th").first()).toHaveText("option");
    await expect(md.getByRole("link", { name: "guide" })).toHaveAttribute("href", "/browse/browse-pkg/2.0.0/docs/guide.md");
    await expect(md.getByRole("link", { name: "the site" })).toHaveAttribute("href", "https://example.com/browse-pkg");
    await expect(md.locator("pre.md-code .k").first()).toBeVisible(); // highlighted fence
    const pixel = md.locator('img[alt="pixel"]');
    await expect(pixel).toHaveAttribute("src", "/raw/browse-pkg/2.0.0/assets/pixel.png");
    await expect.poll(() => pixel.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);

    // The README's HTML renders as on npm and GitHub: a centered logo and a row of linked badges.
    const logo = md.locator('p[align="center"] img[alt="browse-pkg logo"]');
    await expect(logo).toHaveAttribute("width", "64");
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);
    await expect(md.locator('p[align="center"] a[href="https://example.com/ci"] img[alt="build status"]')).toBeVisible();
    await expect(md).not.toContainText("<p align");
    // The hostile parts are sanitized away and never run.
    await expect(md).not.toContainText("__pwned");
    await expect(md).toContainText("Inline HTML is sanitized.");
    await expect(md.getByText("bad link")).toBeVisible();
    expect(await md.locator('a[href^="javascript"], script, iframe, [onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

    await page.getByRole("link", { name: "Source" }).click();
    await expect(page).toHaveURL(/\/README\.md\?plain=1$/);
    await expect(browse.line(1)).toContainText('<p align="center">');
    await page.getByRole("link", { name: "Preview" }).click();
    await expect(page.getByTestId("markdown")).toBeVisible();
  });

  it("tree: folders open without a request; a file opens with the tree and breadcrumbs following", async ({ browse, page }) => {
    await browse.open(ROOT);
    await expect(browse.file("src/index.js")).toHaveCount(0);
    const requests: string[] = [];
    // Only this package's files count: Next may prefetch other pages (links in view) meanwhile. The
    // README preview's images (from /raw) load lazily, whenever they come near the viewport: not the tree's doing.
    page.on("request", (request) => {
      if (request.resourceType() === "image") return;
      if (/\/(browse|raw|api)\//.test(new URL(request.url()).pathname)) requests.push(request.url());
    });
    await browse.folder("src").click();
    await expect(browse.folder("src")).toContainText("▾");
    await browse.folder("src/util").click();
    await expect(browse.file("src/util/strings.js")).toBeVisible();
    await expect(browse.file("src/util/strings.js")).toContainText("199 bytes"); // its size
    expect(requests).toEqual([]);

    await browse.file("src/util/strings.js").click();
    await expect(page).toHaveURL(`${ROOT}/src/util/strings.js`);
    await expect(browse.line(4)).toContainText("function pad(text, width)");
    await expect(browse.file("src/util/strings.js")).toHaveAttribute("aria-current", "page");
    const crumbs = page.getByTestId("breadcrumbs");
    await expect(crumbs).toContainText("browse-pkg@2.0.0/src/util/strings.js");
    await crumbs.getByRole("link", { name: "src" }).click();
    await expect(page).toHaveURL(`${ROOT}/src`);
    await expect(page.getByTestId("folder-listing").getByRole("link", { name: "util/" })).toBeVisible();
  });

  it("the server renders the tree open down to the current file", async ({ browse, request }) => {
    const html = await (await request.get(`${ROOT}/src/util/numbers.js`)).text();
    expect(html).toContain('data-path="src/util/numbers.js"');
    expect(html).not.toContain('data-path="big/huge.js"'); // big/ stays closed
    await browse.open(`${ROOT}/src/util/numbers.js`);
    await expect(browse.file("src/util/numbers.js")).toHaveAttribute("aria-current", "page");
  });

  it("finder: `t` opens it, typing ranks the files, Enter opens the first", async ({ browse, page }) => {
    await browse.open(ROOT);
    await page.keyboard.press("t");
    const finder = page.getByTestId("finder");
    await expect(finder).toBeVisible();
    await page.keyboard.type("strings");
    await expect(finder.getByRole("option").first()).toHaveText("src/util/strings.js");
    await page.keyboard.type("XYZ");
    await expect(finder).toContainText("No file matches.");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(`${ROOT}/src/util/strings.js`);
    await expect(finder).toHaveCount(0);

    // Subsequence matches count too, after better ones; arrows pick.
    await page.keyboard.press("t");
    await page.keyboard.type("snum");
    await expect(finder.getByRole("option").first()).toHaveText("src/util/numbers.js");
    await page.keyboard.press("Escape");
    await expect(finder).toHaveCount(0);
  });

  it("line links: click, shift-click, and opening a link marks and scrolls", async ({ browse, page }) => {
    await browse.open(`${ROOT}/src/index.js`);
    await browse.codeReady();
    await browse.line(3).locator("td[data-n]").click();
    await expect(page).toHaveURL(`${ROOT}/src/index.js#L3`);
    await expect(browse.marked()).toHaveCount(1);
    await browse.line(6).locator("td[data-n]").click({ modifiers: ["Shift"] });
    await expect(page).toHaveURL(`${ROOT}/src/index.js#L3-L6`);
    await expect(browse.marked()).toHaveCount(4);
    await browse.line(1).locator("td[data-n]").click({ modifiers: ["Shift"] });
    await expect(page).toHaveURL(`${ROOT}/src/index.js#L1-L3`);

    // A long file, opened fresh at a range below the first screen.
    await page.goto("/");
    await page.goto(`${ROOT}/README.md?plain=1#L30-L32`);
    await expect(browse.marked()).toHaveCount(3);
    await expect(browse.line(30)).toHaveClass(/marked/);
    await expect(browse.line(31)).toBeInViewport();
  });

  it("version switcher keeps the path, else falls back to the folder, then the root", async ({ browse, page }) => {
    // Each switch is a navigation the server resolves (and may render for the first time):
    // waited for as one, bounded by the test, like the compare links below.
    await browse.open(`${ROOT}/src/util/strings.js`);
    await page.getByTestId("version-switcher").selectOption("1.0.0");
    await page.waitForURL("/browse/browse-pkg/1.0.0/src/util/strings.js");
    await expect(browse.line(4)).toContainText("function pad");

    await browse.open(`${ROOT}/src/util/numbers.js`);
    await page.getByTestId("version-switcher").selectOption("1.0.0");
    await page.waitForURL("/browse/browse-pkg/1.0.0/src/util");
    await expect(page.getByTestId("folder-listing").getByRole("link", { name: "strings.js" })).toBeVisible();

    await browse.open(`${ROOT}/big/huge.js`);
    await page.getByTestId("version-switcher").selectOption("1.0.0");
    await page.waitForURL("/browse/browse-pkg/1.0.0");
    await expect(page.getByTestId("markdown")).toBeVisible();
  });

  it("compare links lead into diff pages", async ({ browse, page }) => {
    await browse.open(`${ROOT}/src/index.js`);
    await expect(page.getByTestId("compare-previous")).toHaveAttribute("href", "/diff/browse-pkg/1.0.0..2.0.0#file-src/index.js");
    await page.getByTestId("compare-with").selectOption("1.0.0");
    // A navigation, which may wait on a diff no one computed yet: wait for it as one (bounded by
    // the test), not with an assertion's few seconds meant for what is already on the page.
    await page.waitForURL(/\/diff\/browse-pkg\/1\.0\.0\.\.2\.0\.0#file-src\/index\.js$/);
  });

  it("a missing path is a 404 that lists the nearest folder", async ({ browse, page }) => {
    const response = await browse.open(`${ROOT}/src/util/gone.js`);
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("path-missing")).toContainText("File not found");
    const listing = page.getByTestId("folder-listing");
    await expect(listing.getByRole("link", { name: "numbers.js" })).toBeVisible();
    await expect(browse.tree()).toBeVisible();
    expect((await page.request.get("/browse/browse-pkg/7.7.7")).status()).toBe(404);
  });

  it("binary files show their type and size; images are shown from /raw", async ({ browse, page }) => {
    await browse.open(`${ROOT}/assets/pixel.png`);
    await expect(page.getByTestId("binary-file")).toContainText("PNG image");
    const img = page.locator("img.browse-image");
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(8);
    await browse.open(`${ROOT}/assets/blob.bin`);
    await expect(page.getByTestId("binary-file")).toContainText("binary file");
    await expect(page.locator("img.browse-image")).toHaveCount(0);
    // An SVG is text here (its source, highlighted), never an image or markup.
    await browse.open(`${ROOT}/assets/icon.svg`);
    await expect(browse.line(1)).toContainText("<svg");
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  it("minified files can be pretty-printed", async ({ browse, page }) => {
    await browse.open(`${ROOT}/dist/app.min.js`);
    await expect(page.getByTestId("file-view").first().getByTestId("file-meta")).toContainText("1 line");
    await page.getByTestId("pretty-link").click();
    await expect(page).toHaveURL(`${ROOT}/dist/app.min.js?pretty=1`);
    await expect(page.getByTestId("file-view").first().getByTestId("file-meta")).not.toContainText(" 1 line");
    await expect(browse.line(2)).toBeVisible();
    await expect(page.getByRole("link", { name: "Show original" })).toBeVisible();
  });

  it("raw files are served inert", async ({ request }) => {
    for (const path of ["assets/icon.svg", "README.md", "src/index.js"]) {
      const response = await request.get(`/raw/browse-pkg/2.0.0/${path}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(response.headers()["content-security-policy"]).toBe("sandbox");
      expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(response.headers().etag).toMatch(/^".+"$/);
    }
    const png = await request.get("/raw/browse-pkg/2.0.0/assets/pixel.png");
    expect(png.headers()["content-type"]).toBe("image/png");
    const blob = await request.get("/raw/browse-pkg/2.0.0/assets/blob.bin");
    expect(blob.headers()["content-type"]).toBe("application/octet-stream");
    const tag = await request.get("/raw/browse-pkg/latest/src/index.js", { maxRedirects: 0 });
    expect(tag.status()).toBe(307);
    expect(tag.headers().location).toBe("/raw/browse-pkg/2.0.0/src/index.js");
  });
});

test.describe("a 200,000-line file", () => {
  const HUGE = `${ROOT}/big/huge.js`;

  it("opens light: the first lines in the page, the rest as placeholders", async ({ browse, page, request }) => {
    const html = await (await request.get(HUGE)).text();
    // ~9 MB of source; the first response carries one slice of it.
    expect(html.length).toBeLessThan(1024 * 1024);
    await browse.open(HUGE);
    await expect(page.getByTestId("file-view").first().getByTestId("file-meta")).toContainText("200000 lines");
    await expect(browse.line(1)).toBeVisible();
    expect(await page.locator(".code-view td[data-n]").count()).toBeLessThanOrEqual(1000);
  });

  it("a link to a line near the end loads its slice, scrolls to it and marks it", async ({ browse, page }) => {
    await browse.open(`${HUGE}#L199990`);
    const row = browse.line(199_990);
    await expect(row).toHaveClass(/marked/, { timeout: 15_000 });
    await expect(row).toContainText('"line 199990"');
    await expect(row).toBeInViewport();
    // The rows in between were never loaded.
    expect(await page.locator(".code-view td[data-n]").count()).toBeLessThan(2000);
  });

  it("scrolling loads the lines that come into view", async ({ browse, page }) => {
    await browse.open(HUGE);
    // Drag the page to the slice of lines 100,001-100,500 (placeholders already have its height).
    await page.evaluate(() => {
      const slice = document.querySelector('[data-slice="100000"]');
      if (slice) window.scrollTo(0, slice.getBoundingClientRect().top + window.scrollY + 40 * 20);
    });
    await expect(browse.line(100_050)).toBeInViewport({ timeout: 15_000 });
    await expect(browse.line(100_050)).toContainText('"line 100050"');
  });
});
