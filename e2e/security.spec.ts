import { activeContent, DiffPage, expect, hydrated, settled, test } from "./fixtures";

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: import("@playwright/test").Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation(t: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

const STATIC_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

test.describe("security headers", () => {
  test("every response carries the static headers; only pages carry the page CSP", async ({ request }) => {
    const others: [string, string | undefined][] = [
      ["/healthz", undefined],
      ["/robots.txt", undefined],
      ["/api/v1/packages/demo-pkg", undefined],
      ["/api/v1/diff/demo-pkg/1.0.0..1.1.0", undefined],
      ["/diff/demo-pkg/1.0.0..1.1.0.patch", undefined],
      ["/raw/demo-pkg/1.1.0/package.json", "sandbox"],
    ];
    for (const [path, csp] of others) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers(), path).toMatchObject(STATIC_HEADERS);
      expect(response.headers()["content-security-policy"], path).toBe(csp);
    }
    for (const path of ["/", "/diff/demo-pkg/1.0.0..1.1.0", "/no-such-page"]) {
      const response = await request.get(path);
      expect(response.headers(), path).toMatchObject(STATIC_HEADERS);
      expect(response.headers()["content-security-policy"], path).toContain("'strict-dynamic'");
    }
    const first = await request.get("/diff/demo-pkg/1.0.0..1.1.0");
    const cached = await request.get("/diff/demo-pkg/1.0.0..1.1.0", { headers: { "if-none-match": first.headers().etag! } });
    expect(cached.status()).toBe(304);
    expect(cached.headers()["content-security-policy"]).toBeUndefined();
  });

  test("pages run under their CSP without a single violation, and stay interactive", async ({ page }) => {
    const violations = await watchViolations(page);
    for (const path of ["/", "/diff/demo-pkg/1.0.0..1.2.0", "/browse/browse-pkg/2.0.0/README.md", "/diff/demo-pkg"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const csp = response?.headers()["content-security-policy"] ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(response?.headers(), path).toMatchObject(STATIC_HEADERS);
      // Every script the page starts with has run (a blocked one is a violation by then).
      await hydrated(page);
    }
    // Hydrated scripts work: the theme toggle (a client component) changes the page.
    await page.goto("/diff/demo-pkg/1.0.0..1.2.0");
    await new DiffPage(page).ready();
    const before = await page.locator("html").getAttribute("data-theme");
    await page.getByRole("button", { name: /theme|system|light|dark/i }).first().click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", before ?? "__none__");
    expect(violations).toEqual([]);
  });

  test("a script planted in a package file name or content never runs", async ({ page }) => {
    const violations = await watchViolations(page);
    // browse-pkg's README and SVG carry <script>, onerror= and javascript: links that set window.__pwned.
    for (const path of ["/browse/browse-pkg/2.0.0/README.md", "/diff/browse-pkg/1.0.0..2.0.0"]) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      await settled(page);
      await expect(activeContent(page), path).toHaveCount(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
    }
    expect(violations).toEqual([]);
  });
});

test.describe("SVG pictures of a package", () => {
  test("show in a page as images, their scripts never run, and opening one downloads it", async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto("/browse/browse-pkg/2.0.0");
    await settled(page);
    // browse-pkg's assets/icon.svg carries <script> and onload= that set window.__pwned, as a README's logo would be asked for.
    const size = await page.evaluate(async () => {
      const img = document.createElement("img");
      img.src = "/raw/browse-pkg/2.0.0/assets/icon.svg?as=image";
      document.body.append(img);
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    expect(size[0]).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const download = page.waitForEvent("download");
    await page.goto("/raw/browse-pkg/2.0.0/assets/icon.svg?as=image").catch(() => undefined); // a download, not a page
    expect((await download).suggestedFilename()).toBe("icon.svg");
    expect(violations).toEqual([]);
  });
});

test.describe("crawlers", () => {
  /** Longest-match robots.txt rules for `User-agent: *` (the subset pkgdiff writes: Allow/Disallow with `$`). */
  function allowed(robots: string, path: string): boolean {
    const rules = robots
      .split("\n")
      .map((line) => /^(Allow|Disallow):\s*(\S*)/i.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ allow: m[1]!.toLowerCase() === "allow", pattern: m[2]! }));
    const matches = rules.filter(({ pattern }) => (pattern.endsWith("$") ? path === pattern.slice(0, -1) : path.startsWith(pattern)));
    matches.sort((a, b) => b.pattern.length - a.pattern.length);
    return matches[0]?.allow ?? true;
  }

  test("robots.txt keeps crawlers off every URL that can start a computation, not off the home page", async ({ request }) => {
    const response = await request.get("/robots.txt");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
    const robots = await response.text();
    expect(robots).toMatch(/^User-agent: \*$/m);
    for (const path of [
      "/diff/react/18.2.0..18.3.1",
      "/diff/react/18.2.0..18.3.1.patch",
      "/diff/react",
      "/browse/react/18.3.1/index.js",
      "/raw/react/18.3.1/index.js",
      "/api/v1/diff/react/18.2.0..18.3.1",
      "/api/v1/search?q=rea",
    ]) {
      expect(allowed(robots, path), path).toBe(false);
    }
    expect(allowed(robots, "/")).toBe(true);
  });
});
