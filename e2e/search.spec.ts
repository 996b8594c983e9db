import { expect, test, type Page } from "@playwright/test";

/**
 * The home page's search, against the fixture registry and the fixture
 * index (SEARCH_INDEX_FILE=fixtures/search-index.txt): demo-pkg and
 * @scope/widget are in the index, rarely-used is only in the registry.
 */
class SearchPage {
  constructor(readonly page: Page) {}

  input() {
    // "Search npm and Hex packages": the e2e server has a Hex repository too (e2e/hex.spec.ts).
    return this.page.getByRole("combobox", { name: /^Search npm( and Hex)? packages$/ });
  }

  list() {
    return this.page.getByRole("listbox", { name: "Packages" });
  }

  options() {
    return this.list().getByRole("option");
  }

  async open(query = "") {
    await this.page.goto(query ? `/?q=${encodeURIComponent(query)}` : "/");
    // The index is loaded once the status says how many packages match (or that none do).
    await expect(this.input()).toBeEditable();
  }

  async type(text: string) {
    await this.input().click();
    await this.input().pressSequentially(text, { delay: 20 });
  }
}

test.describe("package search", () => {
  let search: SearchPage;
  test.beforeEach(({ page }) => {
    search = new SearchPage(page);
  });

  test("typing `dem` lists demo-pkg first, with the typed part marked", async () => {
    await search.open();
    await search.type("dem");
    const first = search.options().first();
    await expect(first).toContainText("demo-pkg");
    await expect(first.locator("mark")).toHaveText("dem");
    await expect(search.input()).toHaveAttribute("aria-expanded", "true");
  });

  test("a typo still finds the package", async () => {
    await search.open();
    await search.type("demopkg");
    await expect(search.options().first()).toContainText("demo-pkg");
  });

  test("`@scope/wid` finds @scope/widget", async () => {
    await search.open();
    await search.type("@scope/wid");
    await expect(search.options().first()).toContainText("@scope/widget");
    await expect(search.options().first().locator("mark")).toHaveText("@scope/wid");
  });

  test("a real package missing from the index is found by asking the registry", async () => {
    await search.open();
    await search.type("rarely-used");
    const found = search.options().filter({ hasText: "found in the registry" });
    await expect(found).toHaveCount(1);
    await expect(found).toContainText("rarely-used");
    await expect(found).toContainText("0.2.0");
    await expect(search.options().first()).toContainText("rarely-used");
  });

  test("the registry's search fills in below the index's results", async () => {
    await search.open();
    await search.type("fixture");
    const remote = search.options().filter({ hasText: "demo-pkg" });
    await expect(remote).toHaveClass(/source-registry/);
  });

  test("a name that exists nowhere says so", async () => {
    await search.open();
    await search.type("zzz-nothing-here");
    await expect(search.page.getByTestId("search-status")).toHaveText("No package matches zzz-nothing-here.");
    await expect(search.input()).toHaveAttribute("aria-expanded", "false");
  });

  test("arrows move through the list, Escape closes it then clears, Enter chooses", async () => {
    await search.open();
    await search.type("dem");
    const options = search.options();
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    const count = await options.count();
    expect(count).toBeGreaterThan(1);

    await search.input().press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(options.first()).toHaveAttribute("aria-selected", "false");
    const activeId = await options.nth(1).getAttribute("id");
    await expect(search.input()).toHaveAttribute("aria-activedescendant", activeId!);
    await search.input().press("ArrowUp");
    await search.input().press("ArrowUp");
    await expect(options.nth(count - 1)).toHaveAttribute("aria-selected", "true"); // wraps around

    await search.input().press("Escape");
    await expect(search.input()).toHaveAttribute("aria-expanded", "false");
    await expect(search.input()).toHaveValue("dem");
    await search.input().press("Escape");
    await expect(search.input()).toHaveValue("");

    await search.type("dem");
    await search.input().press("ArrowDown");
    await search.input().press("ArrowUp");
    await search.input().press("Enter");
    await expect(search.input()).toHaveValue("demo-pkg");
    await expect(search.page.getByTestId("package-picker")).toBeVisible();
  });

  test("the mouse highlights and chooses", async () => {
    await search.open();
    await search.type("@scope");
    const widget = search.options().filter({ has: search.page.locator(".search-name", { hasText: /^@scope\/widget$/ }) });
    await widget.hover();
    await expect(widget).toHaveAttribute("aria-selected", "true");
    await widget.click();
    await expect(search.page.getByRole("heading", { name: /@scope\/widget/ })).toBeVisible();
  });

  test("`/` focuses the search from anywhere on the page", async ({ page }) => {
    await search.open();
    await page.locator("h1").click();
    await expect(search.input()).not.toBeFocused();
    await page.keyboard.press("/");
    await expect(search.input()).toBeFocused();
    await expect(search.input()).toHaveValue("");
  });

  test("the query lives in the URL, and `?q=` restores the search", async ({ page }) => {
    await search.open();
    await search.type("odd");
    await expect(page).toHaveURL(/\/\?q=odd$/);
    await search.open("@scope/wid");
    await expect(search.input()).toHaveValue("@scope/wid");
    await expect(search.options().first()).toContainText("@scope/widget");
  });

  test("Enter then Compare lands on a working diff", async ({ page }) => {
    await search.open();
    await search.type("demo-pkg");
    await search.input().press("Enter");
    const picker = page.getByTestId("version-picker");
    await expect(picker.getByLabel("From")).toHaveValue("1.1.0");
    await expect(picker.getByLabel("to", { exact: true })).toHaveValue("1.2.0");
    await picker.getByRole("link", { name: "Compare" }).click();
    // The first diff a fresh server renders also starts its worker threads and highlighter.
    await expect(page).toHaveURL(/\/diff\/demo-pkg\/1\.1\.0\.\.1\.2\.0$/, { timeout: 20_000 });
    await expect(page.getByTestId("diff-title")).toHaveText("demo-pkg");
    await expect(page.getByTestId("file-list")).toContainText("index.js");
  });

  test("choosing a package that is only in the registry opens its picker too", async ({ page }) => {
    await search.open();
    await search.type("rarely-used");
    await expect(search.options().first()).toContainText("found in the registry");
    await search.input().press("Enter");
    const picker = page.getByTestId("version-picker");
    await expect(picker.getByLabel("From")).toHaveValue("0.1.0");
    await expect(picker.getByRole("link", { name: "Compare" })).toHaveAttribute("href", "/diff/rarely-used/0.1.0..0.2.0");
  });
});
