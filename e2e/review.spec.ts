import { expect, test } from "./fixtures";

/** The review summary above the file list (fixture review-pkg: an attack-shaped upgrade, then a quiet patch). */
test.describe("review summary", () => {
  test("the first screen says what needs attention, and one click lands on the added line", async ({ diffPage, page }) => {
    await diffPage.open("/diff/review-pkg/1.0.0..1.1.0");
    const review = page.getByTestId("review");
    await expect(review).toBeInViewport();
    await expect(page.getByTestId("review-headline")).toHaveText(/\d+ things need attention/);
    const attention = review.locator('[data-severity="attention"]');
    await expect(attention).toContainText("postinstall");
    await expect(attention).toContainText("bundle.js");

    const finding = attention.locator('li[data-kind="install-script-added"]');
    await finding.getByRole("link").first().click();
    await expect(page).toHaveURL(/#file-package\.json-R\d+$/);
    const marked = diffPage.file("package.json").locator("tr.marked");
    await expect(marked).toHaveCount(1);
    await expect(marked).toContainText("postinstall");
    await expect(marked).toBeInViewport();

    // Dependencies: the major bump links to that dependency's own diff.
    const leftPad = page.getByTestId("review-dependencies").locator('tr[data-dependency="left-pad"]');
    await expect(leftPad).toHaveAttribute("data-change", "major");
    await expect(leftPad.getByRole("link", { name: "left-pad" })).toHaveAttribute("href", "/diff/left-pad/%5E1.3.0..%5E2.0.0");
  });

  test("the obfuscation finding's link opens the collapsed bundle at its added line", async ({ diffPage, page }) => {
    await diffPage.open("/diff/review-pkg/1.0.0..1.1.0");
    const bundle = diffPage.file("bundle.js");
    // A one-line minified bundle starts collapsed: its rows are not in the page yet.
    await expect(bundle.getByTestId("lazy-rows")).toBeVisible();
    await expect(bundle.locator("tr")).toHaveCount(0);

    const finding = page.getByTestId("review").locator('li[data-kind="obfuscation"]');
    await expect(finding).toContainText("bundle.js");
    await finding.getByRole("link").first().click();
    await expect(page).toHaveURL(/#file-bundle\.js-R1$/);
    const marked = bundle.locator("tr.marked");
    await expect(marked).toHaveCount(1);
    await expect(marked).toContainText("_0x");
    await expect(marked).toBeInViewport();
  });

  test("express 4.18.2 → 4.19.2: body-parser a patch, cookie breaking in 0.x, each linking to its own diff", async ({ diffPage, page }) => {
    await diffPage.open("/diff/express/4.18.2..4.19.2");
    const dependencies = page.getByTestId("review-dependencies");
    await expect(dependencies).toBeVisible();
    const bodyParser = dependencies.locator('tr[data-dependency="body-parser"]');
    await expect(bodyParser).toHaveAttribute("data-change", "patch");
    await expect(bodyParser).toContainText("1.20.1 → 1.20.2");
    await expect(bodyParser.getByRole("link", { name: "body-parser" })).toHaveAttribute("href", "/diff/body-parser/1.20.1..1.20.2");
    const cookie = dependencies.locator('tr[data-dependency="cookie"]');
    await expect(cookie).toHaveAttribute("data-change", "major");
    await expect(cookie.getByRole("link", { name: "cookie" })).toHaveAttribute("href", "/diff/cookie/0.5.0..0.6.0");
    await expect(page.getByTestId("review").locator('li[data-kind="dependency-major"]')).toHaveText("cookie 0.5.0 → 0.6.0: breaking change in 0.x (major)");
    await expect(dependencies.locator("tr[data-dependency]")).toHaveCount(2);

    // The JSON says the same.
    const json = await (await page.request.get("/api/v1/review/express/4.18.2..4.19.2")).json();
    expect(json.summary.dependencies.map((d: { name: string; change: string; link: string }) => [d.name, d.change, d.link])).toEqual([
      ["body-parser", "patch", "/diff/body-parser/1.20.1..1.20.2"],
      ["cookie", "major", "/diff/cookie/0.5.0..0.6.0"],
    ]);
  });

  test("trust fields the registry does not send are 'not available', never a downgrade", async ({ diffPage, page }) => {
    // demo-pkg's packument has no provenance, publisher, maintainers per version, repository or gitHead.
    await diffPage.open("/diff/demo-pkg/1.1.0..1.2.0");
    const review = page.getByTestId("review");
    await expect(page.getByTestId("review-headline")).toHaveText("No install scripts, no new dependencies, no risky code added");
    await review.locator("summary").click();
    const unavailable = review.locator('li[data-kind="not-available"]');
    await expect(unavailable).toBeVisible();
    await expect(unavailable).toContainText("Provenance");
    await expect(unavailable).toContainText("publisher");
    await expect(unavailable).toContainText("not available from this registry");
    await expect(review.locator('li[data-kind="provenance-lost"], li[data-kind="publisher-changed"], li[data-kind="git-head-missing"]')).toHaveCount(0);
  });

  test("a quiet upgrade is one folded line", async ({ diffPage, page }) => {
    await diffPage.open("/diff/review-pkg/1.1.0..1.1.1");
    await expect(page.getByTestId("review-headline")).toHaveText("No install scripts, no new dependencies, no risky code added");
    await expect(page.getByTestId("review").locator("details")).not.toHaveAttribute("open", "");
  });

  test("the panel works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/diff/review-pkg/1.0.0..1.1.0");
    await expect(page.getByTestId("review-headline")).toHaveText(/things need attention/);
    await expect(page.getByTestId("review").locator('li[data-kind="obfuscation"]')).toBeVisible();
    await context.close();
  });
});
