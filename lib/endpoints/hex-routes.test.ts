import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { GET as diffGET } from "../../app/api/v1/[ecosystem]/diff/[...slug]/route";
import { GET as packagesGET } from "../../app/api/v1/[ecosystem]/packages/[...slug]/route";
import { GET as patchGET } from "../../app/[ecosystem]/patch/[...slug]/route";
import { decodeProblem, PROBLEM_HEADER } from "../http/problem";
import { unpackHexTree } from "../registry/hex/tarball";
import { getRequest, withAppEnv } from "../testing/app-env";
import { withHexAppEnv } from "../testing/hex-env";
import { listFiles, writeTree } from "../testing/trees";

withAppEnv();
const hex = withHexAppEnv();

/** Calls a `[ecosystem]/<family>/[...slug]` route handler the way Next does: the slug is what follows the first `skip` parts. */
function callRoute(
  handler: (request: Request, context: { params: Promise<{ ecosystem: string; slug: string[] }> }) => Promise<Response>,
  urlPath: string,
  skip: number,
) {
  const [pathname = ""] = urlPath.split("?");
  const parts = pathname.split("/").slice(1);
  const params = Promise.resolve({ ecosystem: parts[skip - 2] ?? "", slug: parts.slice(skip) });
  return handler(getRequest(urlPath), { params });
}
const api = (p: string) => callRoute(diffGET, p, 4); // /api/v1/<ecosystem>/diff/…
const page = (p: string) => proxy(new NextRequest(`http://localhost${p}`));
const problemOf = (response: Response) => decodeProblem(response.headers.get(`x-middleware-request-${PROBLEM_HEADER}`));

function tree(name: string, version: string) {
  const bytes = hex().repo.files.get(`tarballs/${name}-${version}.tar`);
  if (!bytes) throw new Error(`no fixture tarball ${name}-${version}`);
  return unpackHexTree(bytes, { maxTarballBytes: 1e9, maxUnpackedBytes: 1e9, maxEntries: 1e5 });
}

describe("/api/v1/hex/diff", () => {
  it("lists what changed between two releases built by hex_core", async () => {
    const response = await api("/api/v1/hex/diff/decimal/2.1.0..2.1.1");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("xkey")).toBe("pkg:hex:decimal eco:hex");
    const body = (await response.json()) as { from: string; to: string; files: { path: string; status: string }[] };
    expect(body).toMatchObject({ from: "2.1.0", to: "2.1.1" });
    const changed = Object.fromEntries(body.files.map((f) => [f.path, f.status]));
    // Files sit at the root of contents.tar.gz: mix.exs is not lost to a stripped top folder.
    // metadata.config is diffed too (as hex_metadata.config, where hex_core unpacks it): the requirements changed.
    expect(changed).toEqual({ "CHANGELOG.md": "added", "mix.exs": "modified", "hex_metadata.config": "modified" });
  });

  it("lists the registry's requirement changes in the summary: added, changed, made optional", async () => {
    const response = await api("/api/v1/hex/diff/decimal/2.1.0..2.1.1");
    const body = (await response.json()) as {
      summary: { dependencies: { name: string; type: string; from: string | null; to: string | null; change: string; link?: string }[] };
    };
    expect(body.summary.dependencies).toEqual([
      { name: "jason", type: "dependencies", from: null, to: "~> 1.4", change: "added" },
      expect.objectContaining({ name: "telemetry", type: "optionalDependencies", from: "~> 1.0", to: "~> 1.2", change: "minor", link: "/hex/diff/telemetry/~%3E%201.0..~%3E%201.2" }),
    ]);
  });

  it.each([
    // Requirements resolve like ranges (the `~>` and the space arrive percent-encoded).
    ["/api/v1/hex/diff/decimal/%7E%3E%201.9..2.1.1", "/api/v1/hex/diff/decimal/1.9.0..2.1.1"],
    ["/api/v1/hex/diff/decimal/%3E%3D%202.1.0%20and%20%3C%202.1.1..2.1.1", "/api/v1/hex/diff/decimal/2.1.0..2.1.1"],
    // `<from>..` diffs with latest: the highest stable release that is not retired.
    ["/api/v1/hex/diff/decimal/1.9.0..", "/api/v1/hex/diff/decimal/1.9.0..2.1.1"],
    // One version diffs with the one before it; a prerelease with the previous one of its line.
    ["/api/v1/hex/diff/decimal/2.1.1", "/api/v1/hex/diff/decimal/2.1.0..2.1.1"],
    ["/api/v1/hex/diff/decimal/2.2.0-rc.0", "/api/v1/hex/diff/decimal/2.1.1..2.2.0-rc.0"],
    ["/api/v1/hex/diff/decimal/2.2.0-rc.1", "/api/v1/hex/diff/decimal/2.2.0-rc.0..2.2.0-rc.1"],
  ])("%s → 307 %s", async (from, to) => {
    const response = await api(from);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(to);
  });

  it.each([
    ["/api/v1/hex/diff/no_such_pkg/1.0.0..2.0.0", 404, "not_found"],
    ["/api/v1/hex/diff/decimal/9.9.9..2.1.1", 404, "version_not_found"],
    ["/api/v1/hex/diff/Not-A-Name/1.0.0..2.0.0", 400, "bad_request"],
    ["/api/v1/hex/diff/%40babel/core/1.0.0..2.0.0", 400, "bad_request"],
    ["/api/v1/nope/diff/decimal/2.1.0..2.1.1", 404, "not_found"],
  ])("%s → %d %s", async (url, status, kind) => {
    const response = await api(url);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { kind: string } }).error.kind).toBe(kind);
  });
});

describe("/hex/diff/<name>/<from>..<to>.patch", () => {
  it.each([
    ["decimal", "2.1.0", "2.1.1"],
    ["decimal", "1.9.0", "2.2.0-rc.1"],
    ["telemetry", "1.0.0", "1.2.1"],
  ])("%s %s..%s applies with git apply to the unpacked old release and reproduces the new one byte for byte", async (name, from, to) => {
    const response = await callRoute(patchGET, `/hex/patch/${name}/${from}..${to}.patch`, 2);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-diff; charset=utf-8");
    const work = await mkdtemp(path.join(tmpdir(), "pkgdiff-hex-apply-"));
    const [oldTree, newTree] = await Promise.all([tree(name, from), tree(name, to)]);
    await writeTree(oldTree, work);
    execFileSync("git", ["init", "-q"], { cwd: work });
    const patchFile = `${work}.patch`;
    await writeFile(patchFile, await response.text());
    execFileSync("git", ["apply", patchFile], { cwd: work });
    const expected = [...newTree.entries.values()].filter((e) => e.kind === "file");
    expect(await listFiles(work)).toEqual(expected.map((e) => e.path).sort());
    for (const entry of expected) {
      if (entry.kind !== "file") continue;
      expect(Buffer.compare(await readFile(path.join(work, entry.path)), entry.bytes), entry.path).toBe(0);
    }
  });
});

describe("/hex/diff pages through the proxy", () => {
  it("renders a canonical diff and the versions page, and rewrites .patch to the Hex patch route", async () => {
    const diff = await page("/hex/diff/decimal/2.1.0..2.1.1");
    expect(diff.status).toBe(200);
    expect(diff.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(diff.headers.get("xkey")).toBe("pkg:hex:decimal eco:hex");
    expect((await page("/hex/diff/decimal")).status).toBe(200);
    const patch = await page("/hex/diff/decimal/2.1.0..2.1.1.patch");
    expect(patch.headers.get("x-middleware-rewrite")).toContain("/hex/patch/decimal/2.1.0..2.1.1.patch");
    expect((await page("/hex/patch/decimal/2.1.0..2.1.1.patch")).status).toBe(404);
  });

  it("redirects a requirement to the canonical exact URL", async () => {
    const response = await page("/hex/diff/decimal/%7E%3E%202.0..2.1.1");
    expect(response.status).toBe(307);
    // ~> 2.0 picks the highest 2.x that is not retired: 2.1.1 (2.0.0 is retired, the 2.2.0 candidates are prereleases).
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/hex/diff/decimal/2.1.1..2.1.1");
  });

  it("leaves prefixed raw files to their route handler", async () => {
    const raw = await page("/hex/raw/decimal/2.1.1/mix.exs");
    expect(raw.headers.get("x-middleware-rewrite")).toBeNull();
    expect(raw.headers.get("content-security-policy")).toBeNull();
  });

  it("answers an unknown package 404 and a bad name 400, naming the Hex ecosystem's pages in the problem", async () => {
    const missing = await page("/hex/diff/no_such_pkg/1.0.0..2.0.0");
    expect(missing.status).toBe(404);
    expect(problemOf(missing)).toMatchObject({ kind: "not_found", prefix: "/hex" });
    expect((await page("/hex/diff/Bad-Name/1.0.0..2.0.0")).status).toBe(400);
  });

  it("refuses a tampered tarball with a 502 that names the outer checksum", async () => {
    const { server, repo } = hex();
    // A release no other test fetched: a verified tarball already in the cache is never fetched again.
    const original = repo.files.get("tarballs/decimal-2.0.0.tar")!;
    const tampered = Buffer.from(original);
    const at = tampered.length - 600;
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0xff, at);
    server.override("tarballs/decimal-2.0.0.tar", tampered);
    try {
      const response = await page("/hex/diff/decimal/2.0.0..2.1.0");
      expect(response.status).toBe(502);
      expect(problemOf(response)?.message).toMatch(/outer checksum/);
    } finally {
      server.override("tarballs/decimal-2.0.0.tar", original);
    }
  });

  it("refuses a registry resource signed with another key with a 502 that names the signature", async () => {
    const { server, repo } = hex();
    server.override("packages/jason", repo.files.get("foreign/packages/jason")!);
    try {
      const response = await api("/api/v1/hex/diff/jason/1.4.0..1.4.0");
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/signature does not verify/);
    } finally {
      server.override("packages/jason", repo.files.get("packages/jason")!);
    }
  });
});

describe("/api/v1/hex/packages/<name>", () => {
  it("lists releases newest first with retirements and latest", async () => {
    const response = await callRoute(packagesGET, "/api/v1/hex/packages/decimal", 4);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { distTags: Record<string, string>; versions: { version: string; retired?: { reason: string; message?: string } }[] };
    expect(body.versions.map((v) => v.version)).toEqual(["2.2.0-rc.1", "2.2.0-rc.0", "2.1.1", "2.1.0", "2.0.0", "1.9.0"]);
    expect(body.distTags).toEqual({ latest: "2.1.1" });
    expect(body.versions.find((v) => v.version === "2.0.0")?.retired).toEqual({ reason: "security", message: "Rounding bug in Context, use 2.1.0" });
  });
});
