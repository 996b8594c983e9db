import { expect, test } from "./fixtures";

test.describe("diff page", () => {
  test("shows every changed file with highlighted lines", async ({ diffPage, page }) => {
    const response = await diffPage.open("/diff/demo-pkg/1.1.0..1.2.0");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toContain("immutable");
    await expect(diffPage.title()).toHaveText("demo-pkg");
    const list = diffPage.fileList();
    for (const path of ["index.js", "lib/new-feature.js", "lib/old.js", "assets/logo.png", "bin/cli.js"]) {
      await expect(list.getByText(path, { exact: true })).toBeVisible();
    }
    // Added and removed lines are rendered, and tokens carry highlight classes.
    const index = diffPage.file("index.js");
    await expect(index.locator("tr.a").first()).toBeVisible();
    await expect(index.locator("tr.d").first()).toBeVisible();
    // Tokens carry highlight classes (keywords at least, in JavaScript).
    await expect(index.locator("tr td:nth-child(3) span.k").first()).toBeVisible();
    // More than one hunk in index.js.
    expect(await index.locator("tr.h").count()).toBeGreaterThan(1);
    // Status badges.
    await expect(diffPage.file("lib/new-feature.js").locator(".badge")).toHaveText("added");
    await expect(diffPage.file("lib/old.js").locator(".badge")).toHaveText("removed");
    // A changed image: both versions side by side, with their sizes.
    await expect(diffPage.file("assets/logo.png")).toContainText("Before · 77 bytes");
    await expect(diffPage.file("assets/logo.png")).toContainText("After · 77 bytes");
    await expect(diffPage.file("bin/cli.js")).toContainText("mode");
    await expect(diffPage.file("no-newline.txt")).toContainText("No newline at end of file");
    await expect(page).toHaveTitle(/demo-pkg/);
  });

  test("clicking a line number links the line; opening the link scrolls to it and marks it", async ({ diffPage, page }) => {
    await diffPage.open("/diff/demo-pkg/1.1.0..1.2.0");
    const lastAdded = diffPage.file("index.js").locator("tr.a td[data-r]").last();
    const line = await lastAdded.getAttribute("data-r");
    await lastAdded.click();
    await expect(page).toHaveURL(new RegExp(`#file-index\\.js-R${line}$`));
    await expect(diffPage.file("index.js").locator("tr.marked td[data-r]")).toHaveAttribute("data-r", line!);

    // A fresh visit to the link, scrolled to the top first.
    await page.goto("/");
    await page.goto(`/diff/demo-pkg/1.1.0..1.2.0#file-index.js-R${line}`);
    const marked = diffPage.file("index.js").locator("tr.marked");
    await expect(marked).toHaveCount(1);
    await expect(marked).toBeInViewport();
  });

  test("a range URL redirects to the canonical URL", async ({ page }) => {
    const response = await page.goto("/diff/demo-pkg/~1.1.0..latest?view=unified");
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/diff/demo-pkg/1.1.0..1.2.0");
    expect(new URL(page.url()).search).toBe("?view=unified");
    const redirect = response?.request().redirectedFrom();
    expect(redirect).toBeTruthy();
    expect((await redirect!.response())?.status()).toBe(307);
  });

  test("an empty `to` means latest, and one version diffs against the previous one", async ({ page }) => {
    await page.goto("/diff/demo-pkg/1.0.0..");
    expect(new URL(page.url()).pathname).toBe("/diff/demo-pkg/1.0.0..1.2.0");
    await page.goto("/diff/demo-pkg/1.2.0");
    expect(new URL(page.url()).pathname).toBe("/diff/demo-pkg/1.1.0..1.2.0");
    await page.goto("/diff/demo-pkg/2.0.0-rc.1");
    expect(new URL(page.url()).pathname).toBe("/diff/demo-pkg/1.2.0..2.0.0-rc.1");
  });

  test("scoped packages and odd top folders work", async ({ diffPage }) => {
    const scoped = await diffPage.open("/diff/@scope/widget/1.0.0..1.1.0");
    expect(scoped?.status()).toBe(200);
    await expect(diffPage.title()).toHaveText("@scope/widget");
    const odd = await diffPage.open("/diff/odd-top/1.0.0..1.0.1");
    expect(odd?.status()).toBe(200);
    await expect(diffPage.fileList()).toBeVisible();
  });
});

test.describe("errors", () => {
  test("an unknown package is a 404 page that offers the search", async ({ page }) => {
    const response = await page.goto("/diff/no-such-package-here/1.0.0..2.0.0");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Package not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Search for a package" })).toBeVisible();
  });

  test("an unknown version is a 404 that lists the nearest versions", async ({ page }) => {
    const response = await page.goto("/diff/demo-pkg/1.1.0..1.3.0");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Version not found" })).toBeVisible();
    await expect(page.getByTestId("nearest").getByRole("link", { name: "1.2.0", exact: true })).toBeVisible();
  });

  test("a malformed URL is a 400", async ({ page }) => {
    const response = await page.goto("/diff/demo-pkg/1.0.0..2.0.0..3.0.0");
    expect(response?.status()).toBe(400);
    await expect(page.getByTestId("problem")).toContainText("400");
  });

  test("a tarball that fails its integrity check is a 502, never a diff", async ({ page }) => {
    const response = await page.goto("/diff/bad-integrity/1.0.0..1.0.1");
    expect(response?.status()).toBe(502);
    await expect(page.getByTestId("problem")).toContainText(/integrity/i);
  });
});

test.describe("other endpoints", () => {
  test("the patch is a git-style unified diff", async ({ request }) => {
    const response = await request.get("/diff/demo-pkg/1.1.0..1.2.0.patch");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/x-diff; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("diff --git a/index.js b/index.js");
    expect(text).toContain("new file mode 100644");
    expect(text).toContain("GIT binary patch");
  });

  test("the patch of a range redirects to the canonical patch", async ({ request }) => {
    const response = await request.get("/diff/demo-pkg/1.1.0..latest.patch", { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toBe("/diff/demo-pkg/1.1.0..1.2.0.patch");
  });

  test("the JSON API lists files with status and counts", async ({ request }) => {
    const response = await request.get("/api/v1/diff/demo-pkg/1.1.0..1.2.0");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.from).toBe("1.1.0");
    expect(body.to).toBe("1.2.0");
    const byPath = new Map(body.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath.get("lib/new-feature.js")).toMatchObject({ status: "added" });
    expect(byPath.get("lib/old.js")).toMatchObject({ status: "removed" });
    expect(byPath.get("assets/logo.png")).toMatchObject({ status: "binary", binary: true });
    expect(body.totals.files).toBe(body.files.length);
  });

  test("the packages API lists versions newest first with tags", async ({ request }) => {
    const response = await request.get("/api/v1/packages/demo-pkg");
    const body = await response.json();
    expect(body.distTags.latest).toBe("1.2.0");
    expect(body.versions[0].version).toBe("2.0.0-rc.1");
    const first = body.versions.find((v: { version: string }) => v.version === "1.0.0");
    expect(first.deprecated).toBeTruthy();
  });

  test("the versions page lists versions with diff-with-previous links", async ({ page }) => {
    const response = await page.goto("/diff/demo-pkg");
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("versions")).toContainText("1.2.0");
    await expect(page.getByTestId("prereleases")).toContainText("1.2.0-beta.1");
    await page.getByTestId("versions").getByRole("link", { name: "diff with 1.1.0" }).click();
    await expect(page).toHaveURL(/\/diff\/demo-pkg\/1\.1\.0\.\.1\.2\.0$/);
  });

  test("healthz answers 200", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
  });

  test("the server warmed up by rendering a diff page, which nobody else can open", async ({ request }) => {
    const ready = await request.get("/readyz?wait=1");
    expect(ready.status()).toBe(200);
    const { steps } = (await ready.json()) as { steps: { name: string; error?: string }[] };
    const name = "a diff page rendered per ecosystem";
    expect(steps.find((step) => step.name === name)).toEqual({ name, ms: expect.any(Number) });
    // Its URL is an ordinary diff URL for everyone else: the fixture registry has no "warm_up" package.
    const variants: Record<string, string>[] = [{}, { "x-pkgdiff-warm-up": "guess" }];
    for (const headers of variants) {
      const page = await request.get("/diff/warm_up/1.0.0..1.1.0", { headers });
      expect(page.status()).toBe(404);
      expect(await page.text()).not.toContain("index.js");
    }
  });
});
