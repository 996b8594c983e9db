import { expect, hydrated, test } from "./fixtures";

/** `/diff/<name>`: every version newest first, with from/to pickers (fixture demo-pkg). */
test.describe("versions page", () => {
  test("lists stable versions newest first, prereleases behind a toggle by release line", async ({ page }) => {
    const response = await page.goto("/diff/demo-pkg");
    expect(response?.status()).toBe(200);
    await hydrated(page); // the prerelease toggles are client components
    const versionsOf = (rows: ReturnType<typeof page.locator>) => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-version")));
    expect(await versionsOf(page.getByTestId("versions").locator("tbody tr"))).toEqual(["1.2.0", "1.1.0", "1.0.0"]);
    const row = (version: string) => page.locator(`tr[data-version="${version}"]`);
    await expect(row("1.2.0")).toContainText("latest");
    await expect(row("1.0.0")).toContainText("deprecated: use 1.1.0");
    await expect(row("1.0.0")).toHaveClass(/is-deprecated/);
    await expect(row("1.2.0")).toContainText("2024-03-20");
    await expect(row("1.0.0")).toContainText("first version");
    await expect(row("1.2.0").getByRole("link", { name: "diff with 1.1.0" })).toHaveAttribute("href", "/diff/demo-pkg/1.1.0..1.2.0");
    await expect(row("1.1.0").getByRole("link", { name: "browse" })).toHaveAttribute("href", "/browse/demo-pkg/1.1.0");

    // Prereleases are folded away until asked for, then listed by release line, the highest first.
    const prereleases = page.getByTestId("prereleases");
    await expect(row("2.0.0-rc.1")).toBeHidden();
    await prereleases.getByText(/Prereleases \(2\)/).click();
    await expect(row("2.0.0-rc.1")).toBeVisible();
    expect(await prereleases.locator("[data-line]").evaluateAll((ls) => ls.map((l) => l.getAttribute("data-line")))).toEqual(["2.0.0", "1.2.0"]);
    await expect(row("2.0.0-rc.1")).toContainText("next");
    await expect(row("2.0.0-rc.1")).toContainText("prerelease");
    // A prerelease with no earlier one in its line diffs against the stable version before it.
    await expect(row("2.0.0-rc.1").getByRole("link", { name: "diff with 1.2.0" })).toHaveAttribute("href", "/diff/demo-pkg/1.2.0..2.0.0-rc.1");
    await expect(row("1.2.0-beta.1").getByRole("link", { name: "diff with 1.1.0" })).toHaveAttribute("href", "/diff/demo-pkg/1.1.0..1.2.0-beta.1");
  });

  test("the pickers default to latest and the version before it, and offer only newer versions as `to`", async ({ page }) => {
    await page.goto("/diff/demo-pkg");
    await hydrated(page); // the toggle and pickers are client components
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
    // Read until React has re-rendered the options (web-first, not once right after the click).
    await expect.poll(() => values(from)).toEqual(["2.0.0-rc.1", "1.2.0", "1.2.0-beta.1", "1.1.0", "1.0.0"]);
    await expect.poll(() => values(to)).toEqual(["2.0.0-rc.1", "1.2.0", "1.2.0-beta.1"]);

    await from.selectOption("1.2.0");
    await expect.poll(() => values(to)).toEqual(["2.0.0-rc.1"]);
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

  test("a long prerelease history: last published first, a few per line until asked, previous by publish time", async ({ page }) => {
    await page.goto("/diff/canary-pkg");
    await hydrated(page); // the prerelease toggles are client components
    const line = page.locator('[data-line="2.0.0"]');
    const shown = () => line.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-version")));
    await page.getByTestId("prereleases").getByText(/Prereleases \(25\)/).click();
    await expect(line.locator("tbody tr")).toHaveCount(10);
    expect(await shown()).toEqual(Array.from({ length: 10 }, (_, i) => `2.0.0-canary-0${i}`));
    const row = (version: string) => line.locator(`tr[data-version="${version}"]`);
    // canary-00 was published last, right after canary-01 (they sort the other way round).
    await expect(row("2.0.0-canary-00").getByRole("link", { name: "diff with 2.0.0-canary-01" })).toHaveAttribute(
      "href",
      "/diff/canary-pkg/2.0.0-canary-01..2.0.0-canary-00",
    );
    await line.getByRole("button", { name: "Show all 25 prereleases of 2.0.0" }).click();
    await expect(line.locator("tbody tr")).toHaveCount(25);
    // The first canary has no earlier one in its line: it diffs against the stable release before it.
    await expect(row("2.0.0-canary-24").getByRole("link", { name: "diff with 1.1.0" })).toBeVisible();
    await expect(line.getByRole("button", { name: /Show all/ })).toHaveCount(0);
  });

  test("/diff/<name>/<prerelease> diffs with the prerelease of its line published before it", async ({ page }) => {
    await page.goto("/diff/canary-pkg/2.0.0-canary-00");
    await expect(page).toHaveURL(/\/diff\/canary-pkg\/2\.0\.0-canary-01\.\.2\.0\.0-canary-00$/);
  });
});

/** `/diff/long-history`: react's shape (120 stable releases, 2,825 prereleases over five lines) at fixture scale. */
test.describe("versions page of a long history", () => {
  test("stays small: the newest stable releases first, a window of each release line, the rest on demand", async ({ page }) => {
    const response = await page.goto("/diff/long-history");
    expect(response?.status()).toBe(200);
    // The whole document, the RSC payload inlined in it included.
    expect((await response?.body())?.length).toBeLessThan(200_000);
    await hydrated(page);
    const stable = page.getByTestId("versions");
    const versionsOf = (rows: ReturnType<typeof page.locator>) => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-version")));
    await expect(stable.locator("tbody tr")).toHaveCount(100);
    expect((await versionsOf(stable.locator("tbody tr"))).slice(0, 3)).toEqual(["19.1.9", "19.1.8", "19.1.7"]);
    await page.getByRole("button", { name: "Show all 120 stable releases" }).click();
    await expect(stable.locator("tbody tr")).toHaveCount(120);
    await expect(stable.locator('tr[data-version="15.0.0"]')).toContainText("first version");

    const prereleases = page.getByTestId("prereleases");
    await prereleases.getByText("Prereleases (2,825), by release line").click();
    const lines = await prereleases.locator("[data-line]").evaluateAll((ls) => ls.map((l) => l.getAttribute("data-line")));
    expect(lines).toEqual(["19.2.0", "19.1.0", "19.0.0", "18.3.0", "0.0.0"]);
    const line = prereleases.locator('[data-line="19.2.0"]');
    await expect(line.locator("tbody tr")).toHaveCount(10);
    const first = line.locator("tbody tr").first();
    // Last published first; it diffs with the canary published the day before (the date in its name).
    await expect(first).toHaveAttribute("data-version", /^19\.2\.0-canary-[0-9a-f]{9}-20250208$/);
    await expect(first.getByRole("link", { name: /^diff with 19\.2\.0-canary-[0-9a-f]{9}-20250207$/ })).toBeVisible();
    await line.getByRole("button", { name: "Show all 100 prereleases of 19.2.0" }).click();
    await expect(line.locator("tbody tr")).toHaveCount(100);
    await expect(line.locator("tbody tr").last()).toHaveAttribute("data-version", /-20241101$/);
    await expect(prereleases.locator('[data-line="0.0.0"] tbody tr')).toHaveCount(10);
  });

  test("the pickers start with the newest stable releases and load the older ones when asked", async ({ page }) => {
    await page.goto("/diff/long-history");
    await hydrated(page);
    const from = page.getByTestId("version-picker").getByLabel("From");
    await expect(from).toHaveValue("19.1.8");
    await expect(from.locator('option[value="15.0.0"]')).toHaveCount(0);
    await from.selectOption({ label: "Older versions… (20 more)" });
    await expect(from.locator('option[value="15.0.0"]')).toHaveCount(1);
    await expect(from).toHaveValue("19.1.8");
    await from.selectOption("15.0.0");
    await expect(page.getByTestId("version-picker").getByRole("link", { name: "Compare" })).toHaveAttribute(
      "href",
      "/diff/long-history/15.0.0..19.1.9",
    );
  });
});
