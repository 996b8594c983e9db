import { expect, test } from "./fixtures";

// big-pkg 1.0.0 → 2.0.0 is bigger than the page budget: a 6,000-line file with
// ~3,000 changed rows, 120 small files, a minified bundle and a source map.
const URL = "/diff/big-pkg/1.0.0..2.0.0";

// Rows that arrive from the server after a click, a scroll or a hash are slices rendered in
// the worker pool: on a loaded machine (test:stress) that can take longer than an
// assertion's default 5 s. A bound, not a speed check (speed lives in the bench).
const loaded = expect.configure({ timeout: 60_000 });

test.describe("big diffs stay light", () => {
  // The first visit renders ~2 MB of highlighted rows on a 2-core machine.
  test.slow();

  test("a long file shows its first rows and loads the rest on request", async ({ diffPage }) => {
    await diffPage.open(URL);
    const long = diffPage.file("lib/long.js");
    const inline = await long.locator("tr.a").count();
    expect(inline).toBeGreaterThan(10);
    const more = long.getByRole("button", { name: /Show the remaining \d+ lines/ });
    await expect(more).toBeVisible();
    await more.click();
    await loaded.poll(() => long.locator("tr.a").count()).toBeGreaterThan(inline);
  });

  test("every file is on the page once, in the file list's order (rendered in groups on the server)", async ({ diffPage, page }) => {
    await diffPage.open(URL);
    const sections = page.locator("section.file[id]");
    // 124 changed files: past the 40 rendered per turn, so the later groups stream in after the first.
    await loaded(sections).toHaveCount(124);
    const ids = await sections.evaluateAll((found) => found.map((section) => section.id));
    const listed = await page.getByTestId("file-list").locator("a.path").evaluateAll((links) => links.map((a) => a.getAttribute("href")!.slice(1)));
    expect(ids).toEqual(listed);
    expect(new Set(ids).size).toBe(124);
  });

  test("files past the page budget load when scrolled near", async ({ diffPage }) => {
    await diffPage.open(URL);
    const last = diffPage.file("lib/parts/part-119.js");
    await expect(last.getByTestId("lazy-rows")).toHaveCount(1);
    expect(await last.locator("tr.a").count()).toBe(0);
    await last.scrollIntoViewIfNeeded();
    await loaded(last.locator("tr.a").first()).toBeVisible();
  });

  test("minified files and source maps are collapsed until asked", async ({ diffPage }) => {
    await diffPage.open(URL);
    const bundle = diffPage.file("dist/bundle.min.js");
    await expect(bundle).toContainText("Minified file");
    await expect(diffPage.file("dist/bundle.min.js.map")).toContainText("Source map");
    expect(await bundle.locator("tr.a").count()).toBe(0);
    await bundle.getByRole("button", { name: "Load diff" }).click();
    await loaded(bundle.locator("tr.a").first()).toBeVisible();
  });

  test("a link to a line in a lazily loaded file loads it, scrolls to it and marks it", async ({ diffPage, page }) => {
    await diffPage.open(`${URL}#file-lib/parts/part-110.js-R5`);
    const marked = diffPage.file("lib/parts/part-110.js").locator("tr.marked");
    await loaded(marked).toHaveCount(1);
    await expect(marked.locator("td[data-r]")).toHaveAttribute("data-r", "5");
    await expect(marked).toBeInViewport();
    expect(page.url()).toContain("#file-lib/parts/part-110.js-R5");
  });

  test("a link far down a long file loads slices until the line is there", async ({ diffPage }) => {
    await diffPage.open(`${URL}#file-lib/long.js-R5800`);
    const marked = diffPage.file("lib/long.js").locator("tr.marked");
    await loaded(marked).toHaveCount(1);
    await expect(marked.locator("td[data-r]")).toHaveAttribute("data-r", "5800");
    await expect(marked).toBeInViewport();
  });

  test("the first response stays within its budget", async ({ request }) => {
    const response = await request.get(URL);
    const html = await response.text();
    // Without budgets this page renders ~11 MB; with them it is a fraction.
    expect(html.length).toBeLessThan(3 * 1024 * 1024);
  });
});
