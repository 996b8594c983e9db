import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildHexRepository } from "../fixtures/hex/build-repo";
import { expect, hydrated, test } from "./fixtures";

/**
 * A release unpacked the way hex_core's unpack leaves it, by the system's
 * `tar`, not pkgdiff's reader: contents.tar.gz's files at the root, and
 * metadata.config beside them as hex_metadata.config.
 */
async function unpackWithTar(tarball: Uint8Array, into: string): Promise<void> {
  const outer = await mkdtemp(path.join(tmpdir(), "pkgdiff-e2e-hex-outer-"));
  await writeFile(path.join(outer, "package.tar"), tarball);
  execFileSync("tar", ["-xf", "package.tar"], { cwd: outer });
  await mkdir(into, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(outer, "contents.tar.gz"), "-C", into]);
  await rename(path.join(outer, "metadata.config"), path.join(into, "hex_metadata.config"));
}

/** Every file below `dir` (git's own folder aside), `/`-separated, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((file) => !file.startsWith(".git/"))
    .sort();
}

/**
 * Hex in the browser, against the test Hex repository that fixtures/hex/
 * builds with hex_core and serves (HEX_REPO_URL, HEX_REPO_PUBLIC_KEY in
 * playwright.config.ts): decimal's releases (2.0.0 retired, 2.1.0 → 2.1.1
 * changes its requirements), telemetry (an Erlang source) and money_badge
 * (a HEEx template).
 */
test.describe("Hex packages", () => {
  // Each test opens pages a fresh server computes (tarballs fetched and verified, diffs, grammars
  // loaded in the worker pool); on the shared 2-core machine that alone took over 30 s under load.
  test.describe.configure({ timeout: 90_000 });

  test("the diff page shows the changed files, Elixir highlighted, and the requirement changes", async ({ diffPage, page }) => {
    await diffPage.open("/hex/diff/decimal/2.1.0..2.1.1");
    await expect(diffPage.title()).toHaveText("decimal");
    const list = diffPage.fileList();
    for (const path of ["CHANGELOG.md", "mix.exs", "hex_metadata.config"]) await expect(list).toContainText(path);

    const mix = diffPage.file("mix.exs");
    // The added dependency line, tokenized as Elixir: the requirement is a string, `defp … do` keywords.
    await expect(mix.locator("tr td:nth-child(3) span.x", { hasText: '"~> 1.4"' }).first()).toBeVisible();
    await expect(mix.locator("tr td:nth-child(3) span.k", { hasText: /^defp$/ }).first()).toBeVisible();

    const deps = page.getByTestId("review-dependencies");
    const jason = deps.locator('tr[data-dependency="jason"]');
    await expect(jason).toHaveAttribute("data-change", "added");
    await expect(jason).toContainText("— → ~> 1.4");
    const telemetry = deps.locator('tr[data-dependency="telemetry"]');
    await expect(telemetry).toContainText("optionalDependencies");
    await expect(telemetry).toContainText("~> 1.0 → ~> 1.2");
    await expect(telemetry.getByRole("link", { name: "telemetry" })).toHaveAttribute("href", "/hex/diff/telemetry/~%3E%201.0..~%3E%201.2");
    await page.screenshot({ path: "test-results/hex-diff.png", fullPage: true });
  });

  for (const [name, from, to] of [
    ["decimal", "2.1.0", "2.1.1"],
    ["decimal", "1.9.0", "2.2.0-rc.1"],
  ] as const) {
    test(`${name} ${from}..${to}.patch applied with git apply to the unpacked ${from} reproduces ${to} byte for byte`, async ({ request }) => {
      const response = await request.get(`/hex/diff/${name}/${from}..${to}.patch`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("text/x-diff; charset=utf-8");
      // The tarballs the fixture server serves: the same hex_core build, read from its cache.
      const repo = await buildHexRepository();
      const tarball = (version: string) => {
        const bytes = repo.files.get(`tarballs/${name}-${version}.tar`);
        if (bytes === undefined) throw new Error(`no fixture tarball ${name}-${version}`);
        return bytes;
      };
      const work = await mkdtemp(path.join(tmpdir(), "pkgdiff-e2e-hex-apply-"));
      const [oldDir, newDir] = [path.join(work, "old"), path.join(work, "new")];
      await unpackWithTar(tarball(from), oldDir);
      await unpackWithTar(tarball(to), newDir);
      execFileSync("git", ["init", "-q"], { cwd: oldDir });
      await writeFile(path.join(work, "upgrade.patch"), await response.body());
      execFileSync("git", ["apply", path.join(work, "upgrade.patch")], { cwd: oldDir });
      const expected = await filesUnder(newDir);
      expect(expected).toContain("mix.exs");
      expect(await filesUnder(oldDir)).toEqual(expected);
      for (const file of expected) {
        expect(Buffer.compare(await readFile(path.join(oldDir, file)), await readFile(path.join(newDir, file))), file).toBe(0);
      }
    });
  }

  for (const { url, heading, text } of [
    // A self-consistent tarball swapped in on the repository's storage: only the signed outer checksum catches it.
    { url: "/hex/diff/hostile_swapped/1.0.0..1.0.0", heading: "The registry sent a tarball that failed its integrity check", text: /hostile_swapped 1\.0\.0 does not match the registry's outer checksum/ },
    // The package's registry resource, signed with a key that is not the repository's.
    { url: "/hex/browse/hostile_foreign_key/1.0.0", heading: "The registry failed", text: /signature does not verify with the configured HEX_REPO_PUBLIC_KEY/ },
  ]) {
    test(`${url} is a 502 page that says which check failed`, async ({ page }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(502);
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
      const problem = page.getByTestId("problem");
      await expect(problem).toContainText("502");
      await expect(problem).toContainText(text);
    });
  }

  test("browse shows what the release says about itself, linking only http(s)", async ({ page }) => {
    await page.goto("/hex/browse/jason/1.4.0");
    const metadata = page.getByTestId("release-metadata");
    await expect(metadata).toContainText("A blazing fast JSON parser and generator");
    await expect(metadata.getByTestId("release-licenses")).toHaveText("License: Apache-2.0");
    await expect(metadata.getByRole("link", { name: "GitHub" })).toHaveAttribute("href", "https://example.invalid/jason");
    await expect(metadata.getByRole("link", { name: "Changelog" })).toHaveAttribute("href", "http://example.invalid/jason/changelog");
    await expect(metadata.getByRole("link")).toHaveCount(2);
    await expect(metadata).not.toContainText("Trap");
    await expect(metadata).toContainText("Build tools: mix");
    await expect(metadata).toContainText("Elixir: ~> 1.8");
  });

  test("an Erlang source diffs highlighted", async ({ diffPage }) => {
    await diffPage.open("/hex/diff/telemetry/1.0.0..1.2.1");
    const erl = diffPage.file("src/telemetry.erl");
    await expect(erl.locator("tr td:nth-child(3) span.f", { hasText: /^span$/ }).first()).toBeVisible();
    await expect(erl.locator("tr td:nth-child(3) span.k", { hasText: /^module$/ }).first()).toBeVisible();
  });

  test("the versions page marks the retired release with its reason and message", async ({ page }) => {
    await page.goto("/hex/diff/decimal");
    const row = (version: string) => page.locator(`tr[data-version="${version}"]`);
    await expect(row("2.0.0").getByTestId("retired")).toHaveText("retired (security): Rounding bug in Context, use 2.1.0");
    await expect(row("2.1.0").getByTestId("retired")).toHaveCount(0);
    await expect(row("2.1.1").getByRole("link", { name: "diff with 2.1.0" })).toHaveAttribute("href", "/hex/diff/decimal/2.1.0..2.1.1");
    await expect(row("2.1.1").getByRole("link", { name: "browse" })).toHaveAttribute("href", "/hex/browse/decimal/2.1.1");
  });

  test("browse shows lib/decimal.ex and mix.exs highlighted as Elixir", async ({ page }) => {
    await page.goto("/hex/browse/decimal/2.1.1/lib/decimal.ex");
    const code = page.locator(".code-view[data-ready]");
    await expect(code.locator("span.k", { hasText: /^defmodule$/ }).first()).toBeVisible();
    await expect(code.locator("span.f", { hasText: /^Decimal$/ }).first()).toBeVisible();
    await expect(code.locator("span.k", { hasText: /^def$/ }).first()).toBeVisible();
    await expect(code).toContainText("def sub(a, b), do: add(a, %{b | sign: -b.sign})");
    await page.screenshot({ path: "test-results/hex-browse.png", fullPage: true });

    await page.goto("/hex/browse/decimal/2.1.1/mix.exs");
    const mix = page.locator(".code-view[data-ready]");
    await expect(mix.locator("span.k", { hasText: /^defmodule$/ }).first()).toBeVisible();
    await expect(mix.locator("span.x", { hasText: '"~> 1.8"' }).first()).toBeVisible();
  });

  test("browse highlights Erlang and HEEx sources", async ({ page }) => {
    await page.goto("/hex/browse/telemetry/1.2.1/src/telemetry.erl");
    const erl = page.locator(".code-view[data-ready]");
    await expect(erl.locator("span.f", { hasText: /^execute$/ }).first()).toBeVisible();
    await expect(erl.locator("span.m").first()).toContainText("%% @doc Dynamic dispatching");

    await page.goto("/hex/browse/money_badge/0.2.0/lib/money_badge/badge.html.heex");
    const heex = page.locator(".code-view[data-ready]");
    await expect(heex.locator("span.m", { hasText: "<%!-- The amount, with its currency --%>" })).toBeVisible();
    await expect(heex.locator("span.x", { hasText: /^\.currency$/ })).toBeVisible();
    await expect(heex.locator("span.x", { hasText: /^:hint$/ }).first()).toBeVisible();
    await expect(heex.locator("span.f", { hasText: /^class$/ })).toBeVisible();
    await page.screenshot({ path: "test-results/hex-browse-heex.png", fullPage: true });
  });

  test("/hex/raw serves a file's bytes, never active", async ({ request }) => {
    const response = await request.get("/hex/raw/decimal/2.1.1/lib/decimal.ex");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["content-security-policy"]).toContain("sandbox");
    expect(await response.text()).toContain("defmodule Decimal do");
  });

  test("requirements in the URL redirect to the exact versions", async ({ page }) => {
    await page.goto(`/hex/diff/decimal/${encodeURIComponent("~> 1.9")}..${encodeURIComponent("~> 2.1.0")}`);
    await expect(page).toHaveURL(/\/hex\/diff\/decimal\/1\.9\.0\.\.2\.1\.1$/);
    await expect(page.getByTestId("diff-title")).toHaveText("decimal");
  });

  test("`hex:dec` in the search box finds decimal, labelled Hex, and opens its versions", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("search-prefixes")).toHaveText("Start with npm: or hex: to search one ecosystem only.");
    const input = page.getByRole("combobox", { name: "Search npm and Hex packages" });
    await expect(input).toBeEditable();
    // The examples come from the ecosystems (Ecosystem.examples), as does the upgrade box's prefix hint.
    await expect(input).toHaveAttribute("placeholder", "Search packages, e.g. react or hex:decimal");
    await expect(page.getByTestId("upgrade-box")).toContainText("(hex:name for Hex).");
    await hydrated(page);
    await input.click();
    await input.pressSequentially("hex:dec", { delay: 20 });
    const options = page.getByRole("listbox", { name: "Packages" }).getByRole("option");
    const first = options.first();
    await expect(first.locator(".search-name")).toHaveText("decimal");
    await expect(first.locator(".search-name mark")).toHaveText("dec");
    await expect(first.locator(".search-ecosystem")).toHaveText("Hex");
    // `hex:` narrows the list to Hex packages.
    expect(await options.locator(".search-ecosystem").allTextContents()).toEqual(["Hex"]);
    await page.screenshot({ path: "test-results/hex-search.png" });

    await input.press("Enter");
    await expect(input).toHaveValue("hex:decimal");
    const picker = page.getByTestId("version-picker");
    await expect(picker.getByLabel("From")).toHaveValue("2.1.0");
    await expect(picker.getByLabel("to", { exact: true })).toHaveValue("2.1.1");
    await expect(picker.getByRole("link", { name: "Compare" })).toHaveAttribute("href", "/hex/diff/decimal/2.1.0..2.1.1");
    await page.getByTestId("package-picker").getByRole("link", { name: "all versions" }).click();
    await expect(page).toHaveURL(/\/hex\/diff\/decimal$/);
    await expect(page.locator('tr[data-version="2.0.0"]').getByTestId("retired")).toBeVisible();
  });

  test("without a prefix the list labels each result with its ecosystem", async ({ page }) => {
    await page.goto("/?q=de");
    const options = page.getByRole("listbox", { name: "Packages" }).getByRole("option");
    await hydrated(page);
    await page.getByRole("combobox").focus();
    const decimal = options.filter({ has: page.locator(".search-name", { hasText: /^decimal$/ }) });
    await expect(decimal.locator(".search-ecosystem")).toHaveText("Hex");
    const demoPkg = options.filter({ has: page.locator(".search-name", { hasText: /^demo-pkg$/ }) });
    await expect(demoPkg.locator(".search-ecosystem")).toHaveText("npm");
  });
});
