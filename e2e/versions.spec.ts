import { expect, test } from "@playwright/test";

/** `/diff/<name>`: every version newest first, with from/to pickers (fixture demo-pkg). */
test.describe("versions page", () => {
  test("lists versions newest first with tags, dates, deprecation and links", async ({ page }) => {
    const response = await page.goto("/diff/demo-pkg");
    expect(response?.status()).toBe(200);
    const rows = page.getByTestId("versions").locator("tbody tr");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-version")))).toEqual([
      "2.0.0-rc.1",
      "1.2.0",
      "1.2.0-beta.1",
      "1.1.0",
      "1.0.0",
    ]);
    const row = (version: string) => page.locator(`tr[data-version="${version}"]`);
    await expect(row("1.2.0")).toContainText("latest");
    await expect(row("2.0.0-rc.1")).toContainText("next");
    await expect(row("2.0.0-rc.1")).toContainText("prerelease");
    await expect(row("1.0.0")).toContainText("deprecated: use 1.1.0");
    await expect(row("1.0.0")).toHaveClass(/is-deprecated/);
    await expect(row("1.2.0")).toContainText("2024-03-20");
    await expect(row("1.0.0")).toContainText("first version");
    // Diff with previous: a stable version skips prereleases, a prerelease does not.
    await expect(row("1.2.0").getByRole("link", { name: "diff with 1.1.0" })).toHaveAttribute("href", "/diff/demo-pkg/1.1.0..1.2.0");
    await expect(row("2.0.0-rc.1").getByRole("link", { name: "diff with 1.2.0" })).toHaveAttribute("href", "/diff/demo-pkg/1.2.0..2.0.0-rc.1");
    await expect(row("1.1.0").getByRole("link", { name: "browse" })).toHaveAttribute("href", "/browse/demo-pkg/1.1.0");
  });

  test("the pickers default to latest and the version before it, and offer only newer versions as `to`", async ({ page }) => {
    await page.goto("/diff/demo-pkg");
    const picker = page.getByTestId("version-picker");
    const from = picker.getByLabel("From");
    const to = picker.getByLabel("to", { exact: true });
    const values = (select: typeof from) => select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));

    await expect(from).toHaveValue("1.1.0");
    await expect(to).toHaveValue("1.2.0");
    expect(await values(from)).toEqual(["1.2.0", "1.1.0", "1.0.0"]);
    expect(await values(to)).toEqual(["1.2.0"]);
    await expect(from.locator('option[value="1.0.0"]')).toContainText("deprecated");
    await expect(to.locator('option[value="1.2.0"]')).toContainText("latest");

    const toggle = picker.getByLabel(/Show prereleases/);
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    expect(await values(from)).toEqual(["2.0.0-rc.1", "1.2.0", "1.2.0-beta.1", "1.1.0", "1.0.0"]);
    expect(await values(to)).toEqual(["2.0.0-rc.1", "1.2.0", "1.2.0-beta.1"]);

    await from.selectOption("1.2.0");
    expect(await values(to)).toEqual(["2.0.0-rc.1"]);
    await expect(to).toHaveValue("2.0.0-rc.1");
    await toggle.uncheck();
    await expect(to).toHaveValue("2.0.0-rc.1"); // the chosen one stays listed

    await from.selectOption("1.0.0");
    await to.selectOption("1.2.0");
    await picker.getByRole("link", { name: "Compare" }).click();
    await expect(page).toHaveURL(/\/diff\/demo-pkg\/1\.0\.0\.\.1\.2\.0$/);
    await expect(page.getByTestId("diff-title")).toHaveText("demo-pkg");
  });

  test("scoped packages get the same pickers", async ({ page }) => {
    await page.goto("/diff/@scope/widget");
    const picker = page.getByTestId("version-picker");
    await expect(picker.getByLabel("From")).toHaveValue("1.0.0");
    await expect(picker.getByRole("link", { name: "Compare" })).toHaveAttribute("href", "/diff/@scope/widget/1.0.0..1.1.0");
    await expect(picker.getByLabel(/Show prereleases/)).toHaveCount(0);
  });
});
