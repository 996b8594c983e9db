import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { type FixtureRegistry, Gate, startFixtureRegistry } from "../fixtures/registry";
import { expect, test } from "./fixtures";

/**
 * `/diffs`: many upgrades on one page, and the home page's upgrade box that opens it.
 * Fixture packages only (fixtures/packages.ts).
 */
/**
 * An entry in its place on the page. A streamed entry first arrives in a hidden segment at the
 * end of the body, which React then swaps in for the placeholder: only what is in place counts.
 */
const entry = (page: Page, key: string) => page.locator(`ol.multi-entries > li > details.multi-entry[data-entry="${key}"]`);
/** The page's head arrives first and the entries stream in after it: wait for them, not for `load`. */
const COMMIT = { waitUntil: "commit" } as const;
/** How long a cold entry may take to stream in on a busy machine (an upper bound, not a delay). */
const STREAMED = { timeout: 30_000 };

test.describe("the multi-diff page", () => {
  // Cold diffs on a fresh server, two workers at once, on a busy machine.
  test.slow();

  test("redirects tags and shorthands to the canonical, sorted URL and shows every entry", async ({ page }) => {
    const response = await page.goto("/diffs?d=demo-pkg:1.0.0:latest&d=@scope/widget:1.0.0..", COMMIT);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).search).toBe("?d=@scope/widget:1.0.0:1.1.0&d=demo-pkg:1.0.0:1.2.0");
    await expect(page.getByTestId("multi-title")).toHaveText("2 upgrades");
    const widget = entry(page, "@scope/widget:1.0.0:1.1.0");
    await expect(widget).toHaveAttribute("data-state", "ready", STREAMED);
    await expect(widget.getByTestId("entry-totals")).toContainText(/[\d,]+ files?, \+[\d,]+ −[\d,]+/);
    await expect(widget.getByTestId("entry-headline")).not.toBeEmpty();
    // The name links to the package's own diff page; its files are on this page.
    await expect(widget.locator(".multi-name a")).toHaveAttribute("href", "/diff/@scope/widget/1.0.0..1.1.0");
    await expect(widget.getByTestId("file").first()).toBeVisible(STREAMED);
    const demo = entry(page, "demo-pkg:1.0.0:1.2.0");
    await expect(demo).toHaveAttribute("data-state", "ready", STREAMED);
    await expect(demo.getByTestId("review")).toBeVisible();
  });

  test("each entry's files have anchors of their own, and a line link lands in its entry", async ({ page }) => {
    // Both packages change package.json: one anchor each, scoped by the entry.
    await page.goto("/diffs?d=@scope/widget:1.0.0:1.1.0&d=demo-pkg:1.0.0:1.2.0", COMMIT);
    const widget = entry(page, "@scope/widget:1.0.0:1.1.0");
    const demo = entry(page, "demo-pkg:1.0.0:1.2.0");
    await expect(demo).toHaveAttribute("data-state", "ready", STREAMED);
    await expect(widget).toHaveAttribute("data-state", "ready", STREAMED);
    const demoManifest = demo.locator('section.file[id="file-demo-pkg@1.0.0..1.2.0/package.json"]');
    await expect(demoManifest).toBeVisible(STREAMED);
    await expect(widget.locator('section.file[id="file-@scope/widget@1.0.0..1.1.0/package.json"]')).toBeVisible(STREAMED);
    await expect(demo.locator('.file-list a[href="#file-demo-pkg@1.0.0..1.2.0/package.json"]')).toHaveCount(1);

    // A click on a line makes the link; opened again, it marks that line in that entry only.
    await demoManifest.locator("td[data-r]").nth(1).click();
    await expect(page).toHaveURL(/#file-demo-pkg@1\.0\.0\.\.1\.2\.0\/package\.json-R\d+$/);
    const url = page.url();
    await page.goto("/");
    await page.goto(url, COMMIT);
    await expect(demo.locator('section.file[id="file-demo-pkg@1.0.0..1.2.0/package.json"] tr.marked')).toHaveCount(1, STREAMED);
    await expect(widget.locator("tr.marked")).toHaveCount(0);
  });

  test("shows a failing entry's error in its place while the others render", async ({ page }) => {
    await page.goto("/diffs?d=bad-integrity:1.0.0:1.0.1&d=demo-pkg:1.1.0:1.2.0&d=no-such-pkg:1.0.0:2.0.0", COMMIT);
    const missing = entry(page, "no-such-pkg:1.0.0:2.0.0");
    await expect(missing).toHaveAttribute("data-state", "failed", STREAMED);
    await expect(missing.getByTestId("entry-status")).toHaveText("404");
    await expect(missing.getByTestId("entry-error")).toContainText("no-such-pkg");
    const tampered = entry(page, "bad-integrity:1.0.0:1.0.1");
    await expect(tampered).toHaveAttribute("data-state", "failed", STREAMED);
    await expect(tampered.getByTestId("entry-status")).toHaveText("502");
    await expect(tampered.getByTestId("entry-error")).toContainText(/integrity/i);
    const good = entry(page, "demo-pkg:1.1.0:1.2.0");
    await expect(good).toHaveAttribute("data-state", "ready", STREAMED);
    await expect(good.getByTestId("file").first()).toBeVisible(STREAMED);
  });

  test("folds the entries past the first three (a native <details>)", async ({ page }) => {
    await page.goto("/diffs?d=@scope/widget:1.0.0:1.1.0&d=canary-pkg:1.0.0:1.1.0&d=demo-pkg:1.0.0:1.1.0&d=viewer-pkg:1.0.0:1.1.0", COMMIT);
    const last = entry(page, "viewer-pkg:1.0.0:1.1.0");
    await expect(last).toHaveAttribute("data-state", "ready", STREAMED);
    await expect(last).not.toHaveAttribute("open");
    await expect(entry(page, "demo-pkg:1.0.0:1.1.0")).toHaveAttribute("open", "");
    await expect(last.getByTestId("file").first()).toBeHidden();
    await last.locator(":scope > summary").click();
    await expect(last.getByTestId("file").first()).toBeVisible(STREAMED);
  });

  test("answers 400 for 51 entries, saying so, and for a malformed entry, naming it", async ({ page }) => {
    const many = Array.from({ length: 51 }, (_, i) => `d=demo-pkg:1.0.${i}:1.2.0`).join("&");
    const tooMany = await page.goto(`/diffs?${many}`);
    expect(tooMany?.status()).toBe(400);
    await expect(page.getByTestId("problem")).toContainText("at most 50 upgrades; this link names 51");
    const malformed = await page.goto("/diffs?d=demo-pkg:1.0.0:1.1.0&d=demo-pkg@1.0.0");
    expect(malformed?.status()).toBe(400);
    await expect(page.getByTestId("problem")).toContainText('The entry "demo-pkg@1.0.0" is not <name>:<from>:<to>');
  });
});

/** The same two upgrades in each format the box reads, shaped as the tools print them. */
const UPGRADE_LISTS: { format: string; label: string; text: string }[] = [
  {
    format: "npm outdated --json",
    label: "npm outdated --json",
    text: JSON.stringify(
      {
        "@scope/widget": { current: "1.0.0", wanted: "1.1.0", latest: "1.1.0", dependent: "shop", location: "/srv/shop/node_modules/@scope/widget" },
        "viewer-pkg": { current: "1.0.0", wanted: "1.0.0", latest: "1.1.0", dependent: "shop", location: "/srv/shop/node_modules/viewer-pkg" },
      },
      null,
      2,
    ),
  },
  {
    format: "pnpm outdated --format json",
    label: "pnpm outdated --format json",
    text: JSON.stringify(
      {
        "viewer-pkg": { current: "1.0.0", latest: "1.1.0", wanted: "1.0.0", isDeprecated: false, dependencyType: "dependencies" },
        "@scope/widget": { current: "1.0.0", latest: "1.1.0", wanted: "1.1.0", isDeprecated: false, dependencyType: "devDependencies" },
      },
      null,
      2,
    ),
  },
  {
    format: "package-lock.json diff",
    label: "a package-lock.json diff",
    text: [
      "diff --git a/package-lock.json b/package-lock.json",
      "--- a/package-lock.json",
      "+++ b/package-lock.json",
      "@@ -40,7 +40,7 @@",
      '     "node_modules/@scope/widget": {',
      '-      "version": "1.0.0",',
      '-      "resolved": "http://registry.test/@scope/widget/-/widget-1.0.0.tgz",',
      '+      "version": "1.1.0",',
      '+      "resolved": "http://registry.test/@scope/widget/-/widget-1.1.0.tgz",',
      '       "license": "MIT"',
      "     },",
      "@@ -90,7 +90,7 @@",
      '     "node_modules/viewer-pkg": {',
      '-      "version": "1.0.0",',
      '+      "version": "1.1.0",',
      '       "resolved": "http://registry.test/viewer-pkg/-/viewer-pkg-1.1.0.tgz",',
    ].join("\n"),
  },
  { format: "name from to lines", label: "name from to lines", text: "viewer-pkg 1.0.0 1.1.0\n@scope/widget 1.0.0 → 1.1.0\n" },
];

test.describe("the upgrade-list box on the home page", () => {
  test.slow();

  for (const { format, label, text } of UPGRADE_LISTS) {
    test(`opens /diffs from ${format}`, async ({ page }) => {
      await page.goto("/");
      const box = page.getByTestId("upgrade-box");
      await expect(box).toHaveAttribute("data-ready", "", STREAMED);
      await box.getByRole("textbox").fill(text);
      await expect(box.getByTestId("upgrade-result")).toContainText(`2 upgrades from ${label}`);
      await box.getByRole("link", { name: "Open the 2 diffs" }).click();
      await expect(page).toHaveURL(/\/diffs\?/);
      expect(new URL(page.url()).search).toBe("?d=@scope/widget:1.0.0:1.1.0&d=viewer-pkg:1.0.0:1.1.0");
      await expect(entry(page, "@scope/widget:1.0.0:1.1.0")).toHaveAttribute("data-state", "ready", STREAMED);
      await expect(entry(page, "viewer-pkg:1.0.0:1.1.0")).toHaveAttribute("data-state", "ready", STREAMED);
    });
  }

  test("says what it skipped and why", async ({ page }) => {
    await page.goto("/");
    const box = page.getByTestId("upgrade-box");
    await expect(box).toHaveAttribute("data-ready", "", STREAMED);
    await box.getByRole("textbox").fill('{"demo-pkg": {"wanted": "1.2.0", "latest": "1.2.0", "dependent": "shop", "location": ""}}');
    await expect(box.getByTestId("upgrade-result")).toContainText("No upgrades found in npm outdated --json");
    await expect(box.getByTestId("upgrade-skipped")).toContainText("demo-pkg: not installed (no current version)");
  });
});

/**
 * Streaming needs a registry the test can hold: its own fixture registry and its own
 * `scripts/server.mjs` (the build the webServer made) on a port of the system's choosing.
 */
test.describe("streaming", () => {
  test.describe.configure({ mode: "serial" });
  test.slow();
  let registry: FixtureRegistry;
  let server: OwnServer;

  test.beforeAll(async () => {
    registry = await startFixtureRegistry();
    server = await OwnServer.start({ REGISTRY_URL: registry.url });
  });
  test.afterEach(() => registry?.setFault(null));
  test.afterAll(async () => {
    await server?.stop();
    await registry?.close();
  });

  test("an entry renders while another one's tarballs are still held at the registry", async ({ page }) => {
    // viewer-pkg's diff is computed beforehand; demo-pkg's needs tarballs, which the registry holds.
    expect((await fetch(`${server.origin}/api/v1/diff/viewer-pkg/1.0.0..1.1.0`)).status).toBe(200);
    const gate = new Gate();
    registry.setFault({ kind: "hold", gate, only: "tarball" });
    // demo-pkg comes first on the page: what is ready is shown whatever its place.
    await page.goto(`${server.origin}/diffs?d=demo-pkg:1.1.0:1.2.0&d=viewer-pkg:1.0.0:1.1.0`, COMMIT);
    await gate.arrived();
    const held = entry(page, "demo-pkg:1.1.0:1.2.0");
    const ready = entry(page, "viewer-pkg:1.0.0:1.1.0");
    await expect(ready).toHaveAttribute("data-state", "ready", STREAMED);
    await expect(ready.getByTestId("file").first()).toBeVisible(STREAMED);
    await expect(held).toHaveAttribute("data-state", "pending");
    expect(gate.isOpen).toBe(false);
    gate.open();
    await expect(held).toHaveAttribute("data-state", "ready", STREAMED);
    await expect(held.getByTestId("file").first()).toBeVisible(STREAMED);
  });
});

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** `node scripts/server.mjs` on 127.0.0.1 and a free port (read from its `ready` log line), with its own cache. */
class OwnServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    private readonly cacheDir: string,
  ) {}

  static async start(env: Record<string, string>): Promise<OwnServer> {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "pkgdiff-e2e-multi-"));
    const child = spawn(process.execPath, ["scripts/server.mjs"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: "0", HOSTNAME: "127.0.0.1", CACHE_DIR: cacheDir, RATE_LIMIT_MISSES: "0", SEARCH_INDEX_FILE: "fixtures/search-index.txt", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const port = await new Promise<number>((resolve, reject) => {
      let pending = "";
      child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
        pending += chunk;
        for (const line of pending.split("\n").slice(0, -1)) {
          const record = JSON.parse(line) as { event?: string; port?: number };
          if (record.event === "ready" && typeof record.port === "number") resolve(record.port);
        }
        pending = pending.slice(pending.lastIndexOf("\n") + 1);
      });
      child.once("exit", (code) => reject(new Error(`server exited (${code}) before it was ready:\n${stderr}`)));
    });
    return new OwnServer(child, `http://127.0.0.1:${port}`, cacheDir);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGKILL");
      await exited;
    }
    await rm(this.cacheDir, { recursive: true, force: true });
  }
}
