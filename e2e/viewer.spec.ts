import { expect, hydrated, test } from "./fixtures";

const DEMO = "/diff/demo-pkg/1.1.0..1.2.0";

test.describe("viewer", () => {
  test("split view is a permalink, keeps the reader's place and is remembered", async ({ diffPage, page }) => {
    await diffPage.open(DEMO);
    await expect(diffPage.file("index.js").locator("table.diff:not(.split)")).toBeVisible();
    await diffPage.file("lib/util.ts").scrollIntoViewIfNeeded();
    await page.getByRole("link", { name: "Split" }).click();
    await expect(page).toHaveURL(/view=split/);
    await expect(diffPage.file("index.js").locator("table.diff.split")).toHaveCount(1);
    // The toggle sits in the sticky header, so the reader did not scroll away from util.ts to use it.
    await expect(diffPage.file("lib/util.ts")).toBeInViewport();
    // Remembered: a diff link without a view opens split.
    await page.goto("/diff/@scope/widget/1.0.0..1.1.0");
    await expect(page).toHaveURL(/view=split/);
    await page.getByRole("link", { name: "Unified" }).click();
    await expect(page).toHaveURL(/view=unified/);
  });

  test("changed words are marked within changed line pairs, in both views", async ({ diffPage }) => {
    await diffPage.open(DEMO);
    const index = diffPage.file("index.js");
    await expect(index.locator("tr.d del").first()).toBeVisible();
    await expect(index.locator("tr.a ins").first()).toBeVisible();
    await diffPage.open(`${DEMO}?view=split`);
    await expect(diffPage.file("index.js").locator("td.d del").first()).toBeVisible();
    await expect(diffPage.file("index.js").locator("td.a ins").first()).toBeVisible();
  });

  test("unchanged lines between hunks can be shown", async ({ diffPage }) => {
    await diffPage.open(DEMO);
    const index = diffPage.file("index.js");
    const expander = index.getByRole("button", { name: /Show \d+ unchanged lines/ }).first();
    const label = await expander.textContent();
    const hidden = Number(/Show (\d+)/.exec(label ?? "")?.[1]);
    const before = await index.locator("td[data-r]").count();
    await expander.click();
    await expect.poll(() => index.locator("td[data-r]").count()).toBe(before + hidden);
    // Line numbers run on without a gap where the lines were filled in.
    const numbers = (await index.locator("td[data-r]").evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-r"))))).slice(0, 20);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  test("the file tree filters fuzzily and jumps to a file", async ({ diffPage, page }) => {
    await diffPage.open(DEMO);
    const tree = page.getByRole("navigation", { name: "Changed files" });
    await diffPage.ready();
    await page.keyboard.press("/");
    await expect(tree.getByRole("searchbox")).toBeFocused();
    await page.keyboard.type("utl");
    await expect(tree.getByRole("link")).toHaveCount(1);
    await tree.getByRole("link", { name: /util\.ts/ }).click();
    await expect(page).toHaveURL(/#file-lib\/util\.ts$/);
    await expect(diffPage.file("lib/util.ts")).toBeInViewport();
  });

  test("a viewed file collapses and stays viewed", async ({ diffPage, page }) => {
    await diffPage.open(DEMO);
    const file = diffPage.file("README.md");
    await file.getByRole("checkbox", { name: "Viewed" }).check();
    await expect(file.locator("table.diff")).toBeHidden();
    await page.reload();
    await expect(diffPage.file("README.md").getByRole("checkbox", { name: "Viewed" })).toBeChecked();
    await expect(diffPage.file("README.md").locator("table.diff")).toBeHidden();
    await diffPage.file("README.md").getByRole("button", { name: /Expand README/ }).click();
    await expect(diffPage.file("README.md").locator("table.diff")).toBeVisible();
  });

  test("shift-click selects a range of lines and the link marks it", async ({ diffPage, page }) => {
    await diffPage.open(DEMO);
    const cells = diffPage.file("lib/util.ts").locator("td[data-r]");
    await cells.nth(1).click();
    await cells.nth(4).click({ modifiers: ["Shift"] });
    await expect(page).toHaveURL(/#file-lib\/util\.ts-R\d+-R\d+$/);
    const url = page.url();
    await page.goto("/");
    await page.goto(url);
    await expect(diffPage.file("lib/util.ts").locator("tr.marked")).toHaveCount(4);
  });

  test("hide whitespace recomputes the diff without whitespace-only changes", async ({ diffPage, page }) => {
    await diffPage.open("/diff/viewer-pkg/1.0.0..1.1.0");
    const code = diffPage.file("index.js");
    await expect(code.locator("tr.a")).toHaveCount(2); // greet's re-indented line and add()
    await page.getByRole("switch", { name: /Hide whitespace/ }).click();
    await expect(page).toHaveURL(/w=1/);
    await expect(diffPage.file("index.js").locator("tr.a")).toHaveCount(1);
    await expect(diffPage.file("index.js").locator("tr.a")).toContainText("a + b + 0");
  });

  test("file headers link to the file on the browse pages", async ({ diffPage }) => {
    await diffPage.open(DEMO);
    await expect(diffPage.file("lib/util.ts").getByRole("link", { name: "View file" })).toHaveAttribute("href", "/browse/demo-pkg/1.2.0/lib/util.ts");
    await expect(diffPage.file("lib/old.js").getByRole("link", { name: "View file" })).toHaveAttribute("href", "/browse/demo-pkg/1.1.0/lib/old.js");
  });

  test("a moved file shows as one rename", async ({ diffPage }) => {
    await diffPage.open("/diff/demo-pkg/1.2.0..2.0.0-rc.1");
    const renamed = diffPage.file("lib/feature.js");
    await expect(renamed.locator(".badge")).toHaveText("renamed");
    await expect(renamed).toContainText("lib/new-feature.js → lib/feature.js");
    await expect(diffPage.file("lib/new-feature.js")).toHaveCount(0);
  });

  test("changed images are shown side by side from the raw endpoint", async ({ diffPage }) => {
    await diffPage.open("/diff/viewer-pkg/1.0.0..1.1.0");
    const logo = diffPage.file("logo.png");
    await expect(logo.getByRole("img", { name: "logo.png before" })).toHaveAttribute("src", "/raw/viewer-pkg/1.0.0/logo.png");
    await expect(logo.getByRole("img", { name: "logo.png after" })).toHaveAttribute("src", "/raw/viewer-pkg/1.1.0/logo.png");
  });

  test("keys: j/k move between files, ? lists the keys", async ({ diffPage, page }) => {
    await diffPage.open(DEMO);
    await page.locator("section.file").first().waitFor();
    await diffPage.ready();
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    const top = await page.evaluate(() => {
      const sections = [...document.querySelectorAll("section.file")];
      // A section scrolls to just below the sticky diff header (its scroll margin).
      return sections.findIndex((s) => {
        const top = s.getBoundingClientRect().top;
        return top > 0 && top < 90;
      });
    });
    expect(top).toBeGreaterThanOrEqual(1);
    await page.keyboard.press("k");
    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
  });

  test("the theme follows the system and can be switched", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(DEMO);
    await hydrated(page);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await bg();
    await page.getByRole("button", { name: /Theme: system/ }).click(); // → light
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await bg()).not.toBe(dark);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the diff is readable", async ({ page }) => {
    await page.goto(DEMO);
    await expect(page.locator('section[id="file-index.js"] tr.a').first()).toBeVisible();
    await expect(page.getByTestId("file-list")).toContainText("lib/util.ts");
  });
});
