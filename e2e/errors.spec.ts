import { activeContent, expect, settled, test } from "./fixtures";

/** What no error page may show: stack frames, source paths, the server's folders. */
const INTERNALS = /\bat (async )?\w+ \(|node_modules|\/work\/|\.tsx?:\d+|webpack-internal/;

test.describe("error pages for hostile input", () => {
  for (const { path, status, heading, text } of [
    { path: "/diff/hostile-traversal/1.0.0..1.0.1", status: 422, heading: "This package's tarball can't be read", text: /hostile-traversal@1\.0\.1: .*unsafe entry.*'\.\.'/ },
    { path: "/diff/hostile-absolute/1.0.0..1.0.1", status: 422, heading: "This package's tarball can't be read", text: /path is absolute/ },
    { path: "/diff/hostile-truncated-gzip/1.0.0..1.0.1", status: 422, heading: "This package's tarball can't be read", text: /truncated/ },
    { path: "/browse/hostile-corrupt-tar/1.0.1", status: 422, heading: "This package's tarball can't be read", text: /valid tar archive/ },
    { path: "/browse/foreign-origin/1.0.0", status: 502, heading: "The registry pointed at a tarball on another host", text: /not/ },
    { path: "/diff/..%2f..%2fetc/1.0.0..1.0.1", status: 400, heading: "That URL doesn't look right", text: /encoded "\/"/ },
    { path: "/diff/demo-pkg/1.0.0..1.1.0%00", status: 400, heading: "That URL doesn't look right", text: /not a valid version/ },
  ]) {
    test(`${path} is a ${status} page that says why`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(status);
      expect(response?.headers()["cache-control"]).toBe("no-store");
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
      const problem = page.getByTestId("problem");
      await expect(problem).toContainText(String(status));
      await expect(problem).toContainText(text);
      expect(await page.content()).not.toMatch(INTERNALS);
      // The server keeps serving everyone else.
      expect((await page.request.get("/diff/demo-pkg/1.0.0..1.1.0")).status()).toBe(200);
    });
  }

  test("HTML and script in file names and contents show as text and never run", async ({ page }) => {
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    expect((await page.goto("/diff/hostile-html/1.0.0..1.0.1"))?.status()).toBe(200);
    await expect(page.getByTestId("file-list")).toContainText("<script>alert(1)</script>.js");
    await expect(page.getByTestId("file-list")).toContainText('"><img src=x onerror=alert(1)>');
    // The contents are shown as text, in code rows.
    await expect(page.locator("main")).toContainText('module.exports = "</script><script>alert(1)</script>";');
    await settled(page);
    await expect(page.locator("main img[src='x']")).toHaveCount(0);
    await expect(activeContent(page)).toHaveCount(0);
    expect(dialogs).toBe(0);
  });
});
