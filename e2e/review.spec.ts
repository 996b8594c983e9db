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
