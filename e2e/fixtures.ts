import { test as base, expect, type Page } from "@playwright/test";

/** Page object for a diff page. */
export class DiffPage {
  constructor(readonly page: Page) {}

  /**
   * Opens a diff page and, when it loaded, waits until it is interactive: a click that
   * lands before hydration reaches no handler, and a busy machine hydrates late.
   */
  async open(path: string) {
    const response = await this.page.goto(path);
    if (response?.ok()) await this.ready();
    return response;
  }

  /** Waits until the page is interactive (hydrated: the keyboard shortcuts are listening). */
  async ready() {
    await this.page.locator("dialog.keys-dialog[data-ready]").waitFor({ state: "attached" });
  }

  fileList() {
    return this.page.getByTestId("file-list");
  }

  file(path: string) {
    return this.page.locator(`section.file[id="file-${encodeURI(path)}"]`);
  }

  title() {
    return this.page.getByTestId("diff-title");
  }
}

/**
 * Waits until React has hydrated the page: the theme toggle, a client component in the
 * layout of every page, carries the props React attaches when it takes a node over; from
 * then on clicks reach their handlers and every script the page loads at start has run.
 * (Pages with their own marker, like `DiffPage.ready`, can wait for that instead.)
 */
export async function hydrated(page: Page): Promise<void> {
  const toggle = page.locator("button.theme-toggle");
  await expect.poll(() => toggle.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$")))).toBe(true);
}

/**
 * Hydrated, and every image has finished loading or failed: what "the network is idle"
 * was wanted for, as events the page reports (an `onerror` would have had its chance).
 */
export async function settled(page: Page): Promise<void> {
  await hydrated(page);
  await expect.poll(() => page.locator("img").evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete))).toBe(true);
}

/** Elements that could run planted code: scripts in the content, inline handlers, javascript: links. */
export function activeContent(page: Page) {
  return page.locator("main script, main [onerror], main [onload], main [onclick], main a[href^='javascript:' i]");
}

export const test = base.extend<{ diffPage: DiffPage }>({
  // Playwright's fixture callback is named `use`; it is not a React hook.
  diffPage: async ({ page }, provide) => {
    await provide(new DiffPage(page));
  },
});

export { expect };
