import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { GET as diffApiRoute } from "../../app/api/v1/diff/[...slug]/route";
import { GET as patchRoute } from "../../app/patch/[...slug]/route";
import { GET as rawRoute } from "../../app/raw/[...slug]/route";
import { HOSTILE_HTML_NAMES, HOSTILE_LIMITS, hostilePackages } from "../../fixtures/hostile-pkg";
import { FOREIGN_TARBALL_ORIGIN, fixturePackages } from "../../fixtures/packages";
import { type FixtureFault, Gate } from "../../fixtures/registry";
import { proxy } from "../../proxy";
import { loadBrowsePage } from "../browse/browse-page";
import { loadFileContent } from "../browse/file-content";
import { decodeProblem, PROBLEM_HEADER, type Problem } from "../http/problem";
import { getRequest, withAppEnv } from "../testing/app-env";
import { loadDiffPage } from "./diff-page";
import { fileSliceEndpoint } from "./file-endpoint";
import { renderFileTable } from "../service/rendered-files";

/*
 * Hostile input, end to end: every hostile package, registry misbehaviour
 * and URL is served by the fixture registry and requested through the app
 * (the JSON diff API, the page proxy, the .patch, /browse and /raw). Each
 * must get its status and a message in user words, show no internals,
 * leave nothing bad in the cache, and not stop the server serving others.
 */

// Read once, at the first getService(): the hostile archives are sized against these limits.
process.env.MAX_TARBALL_BYTES = String(HOSTILE_LIMITS.maxTarballBytes);
process.env.MAX_UNPACKED_BYTES = String(HOSTILE_LIMITS.maxUnpackedBytes);
process.env.MAX_ENTRIES = String(HOSTILE_LIMITS.maxEntries);
process.env.REGISTRY_TIMEOUT_MS = "1500";
// Shorter than one attempt's timeout: a registry that never answers meets the deadline first.
process.env.REGISTRY_DEADLINE_MS = "1200";
process.env.RATE_LIMIT_MISSES = "0"; // direct handler calls carry no client id; never rate-limit them

const registry = withAppEnv({ packages: [...fixturePackages, ...hostilePackages] });

/** What a failure must look like: its HTTP status, error kind and a message in user words. */
interface Expected {
  status: number;
  kind: string;
  message: RegExp;
}

/** Stack frames, source locations and server paths: none of it may reach a response. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\/work\/|node_modules|at async|\n\s+at |\.tsx?:\d+|webpack|turbopack/i);
  expect(text).not.toContain(process.cwd());
  expect(text).not.toContain(process.env.CACHE_DIR ?? "/nonexistent");
}

/** Route handler params as Next passes them: the path's segments after the route prefix, still encoded. */
function params(urlPath: string, prefix: string) {
  return { params: Promise.resolve({ slug: urlPath.split("?")[0]!.slice(prefix.length).split("/") }) };
}

function api(urlPath: string): Promise<Response> {
  return diffApiRoute(getRequest(urlPath), params(urlPath, "/api/v1/diff/"));
}

/** `/diff/<…>.patch`: the proxy rewrites it to the patch route. */
function patch(urlPath: string): Promise<Response> {
  return patchRoute(getRequest(urlPath), params(urlPath, "/diff/"));
}

function raw(urlPath: string): Promise<Response> {
  return rawRoute(getRequest(urlPath));
}

interface PageResult {
  status: number;
  headers: Headers;
  problem: Problem | undefined;
  /** The problem header as the error page receives it, decoded. */
  rawProblem: string;
}

/** A page request through the proxy: its status, and the problem it hands the error page (if any). */
async function page(urlPath: string): Promise<PageResult> {
  const response = await proxy(new NextRequest(new URL(urlPath, "http://localhost")));
  // NextResponse carries overridden request headers to the rewritten page as x-middleware-request-*.
  const rawProblem = response.headers.get(`x-middleware-request-${PROBLEM_HEADER}`) ?? "";
  return { status: response.status, headers: response.headers, problem: decodeProblem(rawProblem), rawProblem: decodeURIComponent(rawProblem) };
}

async function expectApiProblem(urlPath: string, expected: Expected): Promise<string> {
  const response = await api(urlPath);
  const text = await response.text();
  expect(response.status, `${urlPath}: ${text}`).toBe(expected.status);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = JSON.parse(text) as { error: { kind: string; message: string } };
  expect(body.error.kind).toBe(expected.kind);
  expect(body.error.message).toMatch(expected.message);
  expectNoInternals(text);
  return body.error.message;
}

async function expectPageProblem(urlPath: string, expected: Expected): Promise<void> {
  const { status, headers, problem, rawProblem } = await page(urlPath);
  expect(status, `${urlPath}: ${rawProblem}`).toBe(expected.status);
  expect(headers.get("cache-control")).toBe("no-store");
  expect(problem?.kind).toBe(expected.kind);
  expect(problem?.message).toMatch(expected.message);
  expectNoInternals(rawProblem);
}

/** A text-format failure (.patch, /raw): the status and the message as plain text. */
async function expectTextProblem(response: Response, expected: Expected): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(expected.status);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(text.trimEnd()).toMatch(expected.message);
  expectNoInternals(text);
}

async function expectGoodDiff(urlPath: string): Promise<void> {
  const response = await api(urlPath);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const body = JSON.parse(text) as { files: { path: string; status: string }[] };
  expect(body.files).toContainEqual(expect.objectContaining({ path: "index.js", status: "modified" }));
}

function sha512(bytes: Uint8Array): string {
  return `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
}

/** The sha512 of the bytes the fixture registry serves for a version, fetched straight from it. */
async function servedDigest(name: string, version: string): Promise<string> {
  const response = await fetch(`${registry().url}${name}/-/${name}-${version}.tgz`);
  expect(response.status).toBe(200);
  return sha512(new Uint8Array(await response.arrayBuffer()));
}

/** The sha512 of every file under CACHE_DIR, whatever its layout. */
async function cachedDigests(dir = process.env.CACHE_DIR ?? ""): Promise<Set<string>> {
  const digests = new Set<string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) digests.add(sha512(await readFile(path.join(entry.parentPath, entry.name))));
  }
  return digests;
}

/** A hostile tarball (1.0.1 of its package) and how the service must refuse it. */
interface TarballCase extends Expected {
  name: string;
  /** A good diff made at the same time; default `<name>` 1.0.0..1.0.2, which shares 1.0.0's tarball. */
  good?: string;
}

const TARBALL_CASES: TarballCase[] = [
  {
    name: "hostile-traversal",
    status: 422,
    kind: "bad_tarball",
    message: /^hostile-traversal@1\.0\.1: The tarball has an unsafe entry "package\/\.\.\/\.\.\/evil\.js": its path contains a '\.\.' component\.$/,
  },
  {
    name: "hostile-absolute",
    status: 422,
    kind: "bad_tarball",
    message: /^hostile-absolute@1\.0\.1: The tarball has an unsafe entry "\/etc\/passwd": its path is absolute\.$/,
  },
  {
    name: "hostile-gzip-bomb",
    status: 422,
    kind: "too_large",
    message: /^hostile-gzip-bomb@1\.0\.1: The tarball inflates to more than 17664 KiB, past the unpacked size limit of 1 MiB plus room for tar headers\.$/,
  },
  { name: "hostile-truncated-gzip", status: 422, kind: "bad_tarball", message: /^hostile-truncated-gzip@1\.0\.1: The tarball is truncated: its gzip data ends early\.$/ },
  { name: "hostile-corrupt-gzip", status: 422, kind: "bad_tarball", message: /^hostile-corrupt-gzip@1\.0\.1: The tarball is not valid gzip data \(.+\)\.$/ },
  { name: "hostile-not-gzip", status: 422, kind: "bad_tarball", message: /^hostile-not-gzip@1\.0\.1: The tarball is not valid gzip data \(.+\)\.$/ },
  {
    name: "hostile-corrupt-tar",
    status: 422,
    kind: "bad_tarball",
    message: /^hostile-corrupt-tar@1\.0\.1: The tarball does not hold a valid tar archive \(a tar header is corrupt\)\.$/,
  },
  { name: "hostile-many-entries", status: 422, kind: "too_large", message: /^hostile-many-entries@1\.0\.1: The tarball has more than the limit of 64 entries\.$/ },
  { name: "hostile-huge-file", status: 422, kind: "too_large", message: /^hostile-huge-file@1\.0\.1: The package unpacks to more than the limit of 1 MiB\.$/ },
  {
    name: "hostile-huge-tarball",
    status: 422,
    kind: "too_large",
    message: /^The tarball of hostile-huge-tarball@1\.0\.1 is larger than the 512 KiB limit$/,
  },
  {
    name: "bad-integrity",
    good: "/api/v1/diff/sha1-only/1.0.0..1.1.0",
    status: 502,
    kind: "integrity",
    message: /^The registry's tarball of bad-integrity@1\.0\.1 does not match its published sha512 integrity$/,
  },
  {
    name: "hostile-foreign-origin",
    status: 502,
    kind: "forbidden_origin",
    message: new RegExp(
      `^The registry pointed the tarball of hostile-foreign-origin@1\\.0\\.1 at ${FOREIGN_TARBALL_ORIGIN.replaceAll(".", "\\.")}, which is not`,
    ),
  },
];

describe("hostile tarballs", () => {
  it.each(TARBALL_CASES)("$name 1.0.1 → $status $kind", async (c) => {
    const hostile = `/api/v1/diff/${c.name}/1.0.0..1.0.1`;
    const good = c.good ?? `/api/v1/diff/${c.name}/1.0.0..1.0.2`;

    // The hostile diff and a good one at the same time: one failing never takes the other down.
    const [message] = await Promise.all([expectApiProblem(hostile, c), expectGoodDiff(good)]);

    await expectPageProblem(`/diff/${c.name}/1.0.0..1.0.1`, c);
    await expectTextProblem(await patch(`/diff/${c.name}/1.0.0..1.0.1.patch`), c);
    await expectPageProblem(`/browse/${c.name}/1.0.1`, c);
    const rawResponse = await raw(`/raw/${c.name}/1.0.1/index.js`);
    expect(rawResponse.headers.get("x-content-type-options")).toBe("nosniff");
    await expectTextProblem(rawResponse, c);

    // Nothing was remembered: the hostile bytes are not in the cache, and asking again fails the same way.
    const cached = await cachedDigests();
    expect(cached.has(await servedDigest(c.name, "1.0.1")), "hostile bytes in CACHE_DIR").toBe(false);
    if (!c.good) expect(cached.has(await servedDigest(c.name, "1.0.0")), "good bytes in CACHE_DIR").toBe(true);
    expect(await expectApiProblem(hostile, c)).toBe(message);

    // And right after, the good versions of the same package still diff.
    await expectGoodDiff(good);
  });
});

/** A way the registry misbehaves, on a package used only here (so nothing of it is cached before). */
interface FaultCase extends Expected {
  name: string;
  fault: FixtureFault;
}

const FAULT_CASES: FaultCase[] = [
  {
    name: "registry-slow",
    // Never answers (a gate nobody opens): only the 1.2 s deadline can end the request.
    fault: { kind: "hold", gate: new Gate(), only: "packument" },
    status: 504,
    kind: "timeout",
    message: /^The registry did not answer within 1\.2 s for registry-slow \(REGISTRY_DEADLINE_MS\)$/,
  },
  {
    name: "registry-reset",
    fault: { kind: "reset", only: "tarball" },
    status: 502,
    kind: "upstream",
    message: /^The registry could not be reached for the tarball of registry-reset@1\.0\.[01] \((?:[A-Z_]+|connection failed)\)$/,
  },
  {
    name: "registry-500",
    fault: { kind: "status", status: 500, only: "tarball" },
    status: 502,
    kind: "upstream",
    message: /^The registry answered 500 for the tarball of registry-500@1\.0\.[01]$/,
  },
  {
    name: "registry-invalid-json",
    fault: { kind: "invalid-json" },
    status: 502,
    kind: "upstream",
    message: /^The registry sent invalid JSON for registry-invalid-json$/,
  },
];

describe("a misbehaving registry", () => {
  it.each(FAULT_CASES)("$name → $status $kind, and serving resumes when it recovers", async (c) => {
    const diff = `/api/v1/diff/${c.name}/1.0.0..1.0.1`;
    const digest = await servedDigest(c.name, "1.0.1"); // before the fault, which would hit this fetch too
    registry().setFault(c.fault);
    try {
      await expectApiProblem(diff, c);
      await expectPageProblem(`/diff/${c.name}/1.0.0..1.0.1`, c);
      await expectTextProblem(await patch(`/diff/${c.name}/1.0.0..1.0.1.patch`), c);
      await expectApiProblem(diff, c); // the failure is not remembered as an answer: the same request fails again
      expect((await cachedDigests()).has(digest)).toBe(false);
    } finally {
      registry().setFault(null);
    }
    // The registry recovered: the same diff, page and all, now works and its tarballs are cached.
    await expectGoodDiff(diff);
    expect((await page(`/diff/${c.name}/1.0.0..1.0.1`)).status).toBe(200);
    expect((await cachedDigests()).has(digest)).toBe(true);
  });
});

describe("hostile names and versions", () => {
  const badRequest = (message: RegExp): Expected => ({ status: 400, kind: "bad_request", message });
  const NAME = /is not a valid package name/;
  const ENCODED_SLASH = /contains an encoded "\/"/;
  const VERSION = /is not a valid version, tag or range/;

  /** `<name>/<from>..<to>` parts, as they appear after `/diff/` (still percent-encoded). */
  const DIFF_CASES: [string, Expected][] = [
    ["..%2f..%2fetc%2fpasswd/1.0.0..1.2.0", badRequest(ENCODED_SLASH)],
    ["%2e%2e%2f%2e%2e%2fetc/1.0.0..1.2.0", badRequest(ENCODED_SLASH)],
    ["%2e%2e/1.0.0..1.2.0", badRequest(NAME)],
    ["demo-pkg%00/1.0.0..1.2.0", badRequest(NAME)],
    ["demo%20pkg/1.0.0..1.2.0", badRequest(NAME)],
    ["%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/1.0.0..1.2.0", badRequest(NAME)],
    ["%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E/1.0.0..1.2.0", badRequest(ENCODED_SLASH)],
    ["@scope%2f..%2fwidget/1.0.0..1.1.0", badRequest(ENCODED_SLASH)],
    ["demo-pkg/..%2f..%2fetc..1.2.0", badRequest(ENCODED_SLASH)],
    ["demo-pkg/%2e%2e%2f..1.2.0", badRequest(ENCODED_SLASH)],
    ["demo-pkg/1.0.0..%00", badRequest(VERSION)],
    ["demo-pkg/%00..1.2.0", badRequest(VERSION)],
    ["demo-pkg/1.0.0..1.2.0%25", badRequest(VERSION)],
    ["demo-pkg/1.0.0..%2e%2e", badRequest(/Use one "\.\." between two versions/)],
    ["demo-pkg/%2e%2e%2e%2e", badRequest(/"from" version is missing/)],
    ["demo-pkg/1.0.0....1.2.0", badRequest(/Use one "\.\." between two versions/)],
    ["demo-pkg/1.0.0..1.2.0%E0%A4%A", badRequest(/not validly percent-encoded/)],
  ];

  it.each(DIFF_CASES)("/diff/%s → 400, without asking the registry", async (rest, expected) => {
    const mark = registry().requests.length;
    await expectApiProblem(`/api/v1/diff/${rest}`, expected);
    await expectTextProblem(await patch(`/diff/${rest}.patch`), expected);
    if (new URL(`/diff/${rest}`, "http://localhost").pathname.startsWith("/diff/")) {
      await expectPageProblem(`/diff/${rest}`, expected);
    } else {
      // A whole "%2e%2e" segment is a dot segment to the URL parser: the page URL never reaches /diff/ at all.
      expect((await page(`/diff/${rest}`)).problem).toBeUndefined();
    }
    expect(registry().requests.slice(mark)).toEqual([]);
  });

  /** Paths after `/browse/` and `/raw/`: the same rules, plus the file path's. */
  const BROWSE_CASES: [string, Expected][] = [
    // One name rule for every page family: a "/" hidden in the name segment is refused as such.
    ["..%2f..%2fetc%2fpasswd/1.0.0/index.js", badRequest(ENCODED_SLASH)],
    ["demo%20pkg/1.2.0/index.js", badRequest(NAME)],
    ["demo-pkg/%00/index.js", badRequest(VERSION)],
    ["demo-pkg/1.2.0%25/index.js", badRequest(VERSION)],
    ["demo-pkg/1.2.0/..%2fpackage.json", badRequest(ENCODED_SLASH)],
    ["demo-pkg/1.2.0/%2e%2e%2f%2e%2e%2fetc%2fpasswd", badRequest(ENCODED_SLASH)],
    ["demo-pkg/1.2.0/lib/%00.js", badRequest(/NUL byte/)],
  ];

  it.each(BROWSE_CASES)("/browse/%s and /raw/… → 400, without asking the registry", async (rest, expected) => {
    const mark = registry().requests.length;
    await expectPageProblem(`/browse/${rest}`, expected);
    await expectTextProblem(await raw(`/raw/${rest}`), expected);
    expect(registry().requests.slice(mark)).toEqual([]);
  });

  it("accepts uppercase names (npm has legacy ones, like JSONStream) and says the package is not there", async () => {
    const mark = registry().requests.length;
    await expectApiProblem("/api/v1/diff/Demo-Pkg/1.0.0..1.2.0", { status: 404, kind: "not_found", message: /no package named Demo-Pkg/ });
    expect(registry().requests.slice(mark)).toEqual(["/Demo-Pkg"]);
  });
});

describe("HTML and script in file names and contents", () => {
  const FROM_TO = "hostile-html/1.0.0..1.0.1";
  const ACTIVE = /<(?:script|img|svg)\b/i;

  it("are listed by the JSON API as plain strings", async () => {
    const response = await api(`/api/v1/diff/${FROM_TO}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await response.json()) as { files: { path: string; status: string }[] };
    expect(body.files.map((f) => [f.path, f.status])).toEqual(
      expect.arrayContaining([
        [HOSTILE_HTML_NAMES[0], "added"],
        [HOSTILE_HTML_NAMES[1], "added"],
        ["index.js", "modified"],
      ]),
    );
  });

  it("are escaped in the diff page's file tables, unified and split, and in lazily loaded slices", async () => {
    expect((await page(`/diff/${FROM_TO}`)).status).toBe(200);
    const data = await loadDiffPage(npmEcosystem, FROM_TO.split("/"), new URLSearchParams());
    if (data.kind !== "diff") throw new Error(`expected a diff, got ${data.kind}`);
    const { diff } = data;
    const trees = await diff.trees();
    expect(diff.files.map((f) => f.path)).toEqual(expect.arrayContaining([...HOSTILE_HTML_NAMES]));
    for (const file of diff.files.filter((f) => f.path !== "package.json")) {
      for (const view of ["unified", "split"] as const) {
        const { html } = await renderFileTable(diff.key, file, trees.old, trees.new, { start: 0, count: 400, view });
        expect(html, `${file.path} (${view})`).not.toMatch(ACTIVE);
        expect(html).toContain("&lt;");
      }
      const slicePath = `/api/v1/file/${FROM_TO}?path=${encodeURIComponent(file.path)}&start=0`;
      const slice = await fileSliceEndpoint(getRequest(slicePath), npmEcosystem, FROM_TO.split("/"));
      expect(slice.status).toBe(200);
      expect(((await slice.json()) as { html: string }).html).not.toMatch(ACTIVE);
    }
  });

  it("are served by the .patch as text/x-diff, byte for byte", async () => {
    const response = await patch(`/diff/${FROM_TO}.patch`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-diff; charset=utf-8");
    const text = await response.text();
    expect(text).toContain(`+++ b/${HOSTILE_HTML_NAMES[0]}\n@@ -0,0 +1 @@\n+<script>alert(1)</script>\n`);
    expect(text).toContain('+"><img src=x onerror=alert(1)>\n');
  });

  it.each([
    [HOSTILE_HTML_NAMES[0], "<script>alert(1)</script>\n"],
    [HOSTILE_HTML_NAMES[1], '"><img src=x onerror=alert(1)>\n'],
    ["index.js", 'module.exports = "</script><script>alert(1)</script>";\n'],
  ])("are served by /raw as inert text: %s", async (file, content) => {
    const encoded = file.split("/").map(encodeURIComponent).join("/");
    const response = await raw(`/raw/hostile-html/1.0.1/${encoded}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("sandbox");
    expect(await response.text()).toBe(content);
  });

  it("are escaped on the browse page of each file", async () => {
    for (const file of [...HOSTILE_HTML_NAMES, "index.js"]) {
      const encoded = file.split("/").map(encodeURIComponent).join("/");
      expect((await page(`/browse/hostile-html/1.0.1/${encoded}`)).status, file).toBe(200);
      const data = await loadBrowsePage(npmEcosystem, ["hostile-html", "1.0.1", ...encoded.split("/")]);
      if (data.kind !== "page" || data.page.target.kind !== "file") throw new Error(`${file}: not a file page`);
      const content = await loadFileContent(data.page, data.page.target.file, { plain: false, pretty: false });
      if (content.kind !== "text") throw new Error(`${file}: shown as ${content.kind}`);
      expect(content.first.html, file).not.toMatch(ACTIVE);
      expect(content.first.html).toContain("&lt;");
    }
  });
});
