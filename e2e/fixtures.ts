import { test as base, expect, type Page } from "@playwright/test";

/** Page object for a diff page. */
export class DiffPage {
  constructor(readonly page: Page) {}

  async open(path: string) {
    const response = await this.page.goto(path);
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

export const test = base.extend<{ diffPage: DiffPage }>({
  // Playwright's fixture callback is named `use`; it is not a React hook.
  diffPage: async ({ page }, provide) => {
    await provide(new DiffPage(page));
  },
});

export { expect };
