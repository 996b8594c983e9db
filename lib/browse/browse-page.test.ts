import { describe, expect, it } from "vitest";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { isPkgdiffError } from "../errors";
import { browseGate } from "../endpoints/browse-gate";
import { withAppEnv } from "../testing/app-env";
import { loadBrowsePage } from "./browse-page";
import { loadFileContent } from "./file-content";

withAppEnv();

/** Runs the proxy's gate on a path (with its query), as proxy.ts does. */
function gate(url: string) {
  const parsed = new URL(url, "http://localhost");
  return browseGate(npmEcosystem, parsed.pathname, parsed.search, parsed.searchParams);
}

describe("browseGate", () => {
  it.each([
    ["/browse/browse-pkg", "/browse/browse-pkg/2.0.0"],
    ["/browse/browse-pkg/latest", "/browse/browse-pkg/2.0.0"],
    ["/browse/browse-pkg/^1/src/index.js?plain=1", "/browse/browse-pkg/1.0.0/src/index.js?plain=1"],
    ["/browse/%40scope%2fwidget/1/src", "/browse/@scope/widget/1.1.0/src"],
  ])("redirects %s to %s", async (url, location) => {
    // The surrogate keys name the package as resolved from the URL (lib/http/surrogate-keys.mjs).
    const name = location.startsWith("/browse/@scope/widget/") ? "@scope/widget" : "browse-pkg";
    expect(await gate(url)).toEqual({ type: "redirect", location, keys: `pkg:npm:${name} eco:npm` });
  });

  it("lets canonical pages through, immutable with an ETag that follows the query", async () => {
    const result = await gate("/browse/browse-pkg/2.0.0/src/index.js");
    expect(result).toMatchObject({ type: "next", cache: "immutable" });
    if (result.type !== "next") throw new Error("unreachable");
    await result.prepare?.();
    const plain = await gate("/browse/browse-pkg/2.0.0/src/index.js?plain=1");
    expect(plain.type === "next" && plain.etag).not.toBe(result.etag);
  });

  it.each([
    ["/browse/browse-pkg/1.0.0/src/util/strings.js?fallback=1", "/browse/browse-pkg/1.0.0/src/util/strings.js"],
    ["/browse/browse-pkg/1.0.0/src/util/numbers.js?fallback=1", "/browse/browse-pkg/1.0.0/src/util"],
    ["/browse/browse-pkg/1.0.0/big/huge.js?fallback=1&plain=1", "/browse/browse-pkg/1.0.0"],
    ["/browse/browse-pkg/1.0.0/README.md?plain=1&fallback=1", "/browse/browse-pkg/1.0.0/README.md?plain=1"],
    ["/browse/browse-pkg/latest/src/util/numbers.js?fallback=1", "/browse/browse-pkg/2.0.0/src/util/numbers.js"],
  ])("the version switcher's ?fallback: %s → %s", async (url, location) => {
    expect(await gate(url)).toEqual({ type: "redirect", location, keys: "pkg:npm:browse-pkg eco:npm" });
  });

  it.each([
    ["/browse/browse-pkg/9.9.9", "version_not_found"],
    ["/browse/no-such-package/1.0.0", "not_found"],
    ["/browse/browse-pkg/1.0.0/a%2fb", "bad_request"],
  ])("%s fails with %s (the proxy turns it into a status)", async (url, kind) => {
    const error = await gate(url).catch((e: unknown) => e);
    expect(isPkgdiffError(error) && error.kind).toBe(kind);
  });
});

describe("loadBrowsePage", () => {
  const load = async (path: string) => {
    const data = await loadBrowsePage(npmEcosystem, path.split("/"));
    if (data.kind !== "page") throw new Error(`redirected to ${data.location}`);
    return data.page;
  };

  it("the root: listing, README, versions, previous version, every file", async () => {
    const page = await load("browse-pkg/2.0.0");
    expect(page.target.kind).toBe("folder");
    expect(page.listing?.folders.map((f) => f.name)).toEqual(["assets", "big", "bin", "dist", "docs", "src"]);
    expect(page.readme?.path).toBe("README.md");
    expect(page.versions.map((v) => [v.version, v.tags])).toEqual([
      ["2.0.0", ["latest"]],
      ["1.0.0", []],
    ]);
    expect(page.previous).toBe("1.0.0");
    expect(page.files.paths).toContain("big/huge.js");
    expect(page.files.sizes[page.files.paths.indexOf("src/alias.js")]).toBe(-1);
  });

  it("offers the stable versions, the tagged ones and the newest prereleases of each line, and the one shown", async () => {
    // canary-pkg: 1.0.0, 1.1.0 and 25 canaries of 2.0.0, published from -24 down to -00 (tagged `canary`).
    const listed = async (version: string) => (await load(`canary-pkg/${version}`)).versions.map((v) => v.version);
    const atLatest = await listed("1.1.0");
    const canaries = atLatest.filter((v) => v.includes("canary"));
    expect(canaries).toHaveLength(10);
    expect(canaries).toContain("2.0.0-canary-00");
    expect(atLatest).toEqual(expect.arrayContaining(["1.1.0", "1.0.0"]));
    // An old canary is listed on its own page only.
    expect(atLatest).not.toContain("2.0.0-canary-20");
    expect(await listed("2.0.0-canary-20")).toContain("2.0.0-canary-20");
  });

  it("a missing path lists the nearest folder that exists", async () => {
    const page = await load("browse-pkg/2.0.0/src/util/gone/deeper.js");
    expect(page.target.kind).toBe("missing");
    expect(page.listing?.path).toBe("src/util");
  });

  it("decodes file names", async () => {
    const page = await load("browse-pkg/2.0.0/docs/odd%20name%20%25.txt");
    expect(page.target.kind).toBe("file");
  });

  it("file content: markdown, text slices, minified with pretty-print, binary, image", async () => {
    const page = await load("browse-pkg/2.0.0");
    const file = async (path: string, options = { plain: false, pretty: false }) => {
      const target = (await load(`browse-pkg/2.0.0/${path}`)).target;
      if (target.kind !== "file") throw new Error(path);
      return loadFileContent(page, target.file, options);
    };
    const readme = await file("README.md");
    expect(readme.kind).toBe("markdown");
    if (readme.kind === "markdown") {
      expect(readme.html).toContain('<h2 id="md-install">Install</h2>');
      expect(readme.html).not.toContain("<script");
      expect(readme.html).toContain('<img src="/raw/browse-pkg/2.0.0/assets/pixel.png" alt="pixel" referrerpolicy="no-referrer" loading="lazy" decoding="async" />');
      // The centered logo block at the top is HTML, kept (aligned), not shown as text.
      expect(readme.html).toMatch(/<p align="center">\s*<img src="\/raw\/browse-pkg\/2\.0\.0\/assets\/pixel\.png" alt="browse-pkg logo"[^>]* width="64"/);
      expect(readme.html).not.toContain("&lt;p align");
      expect(readme.html).not.toContain("onerror");
    }
    expect((await file("README.md", { plain: true, pretty: false })).kind).toBe("text");

    const huge = await file("big/huge.js");
    expect(huge.kind === "text" && [huge.lineCount, huge.starts.length, huge.first.end]).toEqual([200_000, 400, 500]);
    expect(huge.kind === "text" && huge.linesSrc).toBe("/api/v1/lines/browse-pkg/2.0.0/big/huge.js");

    const min = await file("dist/app.min.js");
    expect(min.kind === "text" && [min.lineCount, min.canPretty, min.pretty]).toEqual([1, true, false]);
    const pretty = await file("dist/app.min.js", { plain: false, pretty: true });
    expect(pretty.kind === "text" && pretty.pretty && pretty.lineCount > 1000).toBe(true);
    expect(pretty.kind === "text" && pretty.linesSrc).toBe("/api/v1/lines/browse-pkg/2.0.0/dist/app.min.js?pretty=1");

    expect(await file("assets/pixel.png")).toMatchObject({ kind: "binary", description: "PNG image", image: true });
    expect(await file("assets/blob.bin")).toMatchObject({ kind: "binary", image: false });
    expect((await file("assets/icon.svg")).kind).toBe("text");
  });
});
