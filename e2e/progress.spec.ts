import { expect, type Page, test } from "@playwright/test";

/**
 * The fixture registry (fixtures/serve.ts) holds slow-pkg's newer tarballs until a test
 * opens them: the diff is slow exactly as long as the test wants, with no delay to guess.
 */
const registryUrl = `http://127.0.0.1:${process.env.FIXTURE_PORT}/`;

async function openTarball(page: Page, id: string): Promise<void> {
  const opened = await page.request.get(`${registryUrl}-/fixture/open/${id}`);
  expect(opened.ok()).toBe(true);
}

/** Opens a diff page without waiting for its load: a progress page loads only once the diff is ready. */
async function startOpening(page: Page, path: string) {
  const response = await page.goto(path, { waitUntil: "commit" });
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toBe("no-store");
  return response;
}

test.describe("a diff that is not cached yet", () => {
  test("shows its progress while the registry is slow, then the diff", async ({ page }) => {
    await startOpening(page, "/diff/slow-pkg/1.0.0..1.1.0");
    const progress = page.getByTestId("diff-progress");
    await expect(progress.getByRole("heading")).toHaveText("Preparing the diff of slow-pkg 1.0.0..1.1.0");
    await expect(progress).toContainText("fetching slow-pkg@1.1.0…");
    await openTarball(page, "slow-pkg@1.1.0");
    await expect(page.getByTestId("file-list")).toContainText("index.js");
    await expect(page.getByTestId("diff-title")).toBeVisible();
    await expect(progress).toHaveCount(0);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("ends on the diff all the same", async ({ page }) => {
      await startOpening(page, "/diff/slow-pkg/1.0.0..1.2.0");
      const progress = page.getByTestId("diff-progress");
      await expect(progress).toContainText("fetching slow-pkg@1.2.0…");
      await openTarball(page, "slow-pkg@1.2.0");
      await expect(page.getByTestId("file-list")).toContainText("index.js");
      await expect(progress).toHaveCount(0);
    });
  });
});
