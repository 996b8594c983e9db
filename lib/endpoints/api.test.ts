import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { readTarball } from "../tarball/read-tarball";
import type { PackageTree } from "../tarball/types";
import { getRequest, withAppEnv } from "../testing/app-env";
import { listFiles, writeTree } from "../testing/trees";
import { diffEndpoint, packageEndpoint } from "./api";

const registry = withAppEnv();

const get = getRequest;
const segments = (path: string) => path.split("?")[0]!.split("/").slice(path.startsWith("/api/v1/diff/") ? 4 : 2);

async function fetchTree(name: string, version: string): Promise<PackageTree> {
  const base = name.split("/").pop();
  const response = await fetch(`${registry().url}${name.replace("/", "%2f")}/-/${base}-${version}.tgz`);
  const limits = { maxTarballBytes: 1e9, maxUnpackedBytes: 1e9, maxEntries: 1e5 };
  return readTarball(new Uint8Array(await response.arrayBuffer()), limits);
}

describe("/diff/<name>/<from>..<to>.patch", () => {
  it.each([
    ["demo-pkg", "1.1.0", "1.2.0"],
    ["demo-pkg", "1.0.0", "2.0.0-rc.1"],
    ["demo-pkg", "1.2.0", "1.1.0"],
    ["@scope/widget", "1.0.0", "1.1.0"],
    ["odd-top", "1.0.0", "1.0.1"],
    ["sha1-only", "1.0.0", "1.1.0"],
    ["demo-pkg", "1.1.0", "1.2.0", "?w=1"],
    ["demo-pkg", "1.2.0", "2.0.0-rc.1"],
    // Over one batch of files: streamed from the pool.
    ["big-pkg", "1.0.0", "2.0.0"],
  ])("%s %s..%s%s applies with git apply and reproduces the new tree byte for byte", async (name, from, to, query = "") => {
    const url = `/diff/${name}/${from}..${to}.patch${query}`;
    const response = await diffEndpoint(get(url), npmEcosystem, segments(url), "patch");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-diff; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const patch = await response.text();
    // This request computed the diff, each file's patch section written beside its line diff and streamed as it was.
    expect(response.headers.get("x-pkgdiff-cache")).toBe("miss");
    // Another request gets the diff without sections (cached, or joining the computation while it is scanned and
    // stored): its patch is written from the diff alone, and is the same.
    const again = await diffEndpoint(get(url), npmEcosystem, segments(url), "patch");
    expect(await again.text()).toBe(patch);

    const work = await mkdtemp(path.join(tmpdir(), "pkgdiff-apply-"));
    const [oldTree, newTree] = await Promise.all([fetchTree(name, from), fetchTree(name, to)]);
    await writeTree(oldTree, work);
    execFileSync("git", ["init", "-q"], { cwd: work });
    await writeFile(path.join(work, "..", `${path.basename(work)}.patch`), patch);
    execFileSync("git", ["apply", path.join(work, "..", `${path.basename(work)}.patch`)], { cwd: work });

    const expected = [...newTree.entries.values()].filter((e) => e.kind === "file").map((e) => e.path).sort();
    expect(await listFiles(work)).toEqual(expected);
    for (const entry of newTree.entries.values()) {
      if (entry.kind !== "file") continue;
      const bytes = await readFile(path.join(work, entry.path));
      expect(Buffer.compare(bytes, entry.bytes), entry.path).toBe(0);
      expect((await stat(path.join(work, entry.path))).mode & 0o111, `${entry.path} executable bit`).toBe(entry.mode & 0o111);
    }
  });

  it("redirects a range to the canonical patch, briefly cached", async () => {
    const url = "/diff/demo-pkg/~1.1.0..latest.patch";
    const response = await diffEndpoint(get(url), npmEcosystem, segments(url), "patch");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/diff/demo-pkg/1.1.0..1.2.0.patch");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const url = "/diff/demo-pkg/1.1.0..1.2.0.patch";
    const first = await diffEndpoint(get(url), npmEcosystem, segments(url), "patch");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const second = await diffEndpoint(get(url, { "if-none-match": etag! }), npmEcosystem, segments(url), "patch");
    expect(second.status).toBe(304);
  });

  it("refuses a tarball that fails its integrity check with a 502, as text", async () => {
    const url = "/diff/bad-integrity/1.0.0..1.0.1.patch";
    const response = await diffEndpoint(get(url), npmEcosystem, segments(url), "patch");
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/integrity/i);
  });
});

describe("/api/v1/diff", () => {
  it("lists files with status and counts, and totals that add up", async () => {
    const url = "/api/v1/diff/demo-pkg/1.1.0..1.2.0";
    const response = await diffEndpoint(get(url), npmEcosystem, segments(url), "json");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      files: { path: string; status: string; additions: number; deletions: number }[];
      totals: { files: number; additions: number; deletions: number };
    };
    const status = Object.fromEntries(body.files.map((f) => [f.path, f.status]));
    expect(status).toMatchObject({
      "index.js": "modified",
      "lib/new-feature.js": "added",
      "lib/old.js": "removed",
      "assets/logo.png": "binary",
      "bin/cli.js": "modified",
    });
    expect(body.totals.files).toBe(body.files.length);
    expect(body.totals.additions).toBe(body.files.reduce((n, f) => n + f.additions, 0));
    expect(body.totals.deletions).toBe(body.files.reduce((n, f) => n + f.deletions, 0));
  });

  it("shows a moved file as one rename, and the patch says so", async () => {
    const url = "/api/v1/diff/demo-pkg/1.2.0..2.0.0-rc.1";
    const body = (await (await diffEndpoint(get(url), npmEcosystem, segments(url), "json")).json()) as {
      files: { path: string; oldPath?: string; status: string }[];
    };
    expect(body.files).toContainEqual(expect.objectContaining({ status: "renamed", oldPath: "lib/new-feature.js", path: "lib/feature.js" }));
    expect(body.files.map((f) => f.path)).not.toContain("lib/new-feature.js");
    const patchUrl = "/diff/demo-pkg/1.2.0..2.0.0-rc.1.patch";
    const patch = await (await diffEndpoint(get(patchUrl), npmEcosystem, segments(patchUrl), "patch")).text();
    expect(patch).toContain("rename from lib/new-feature.js\nrename to lib/feature.js");
  });

  it.each([
    ["/api/v1/diff/no-such-pkg/1.0.0..2.0.0", 404, "not_found"],
    ["/api/v1/diff/demo-pkg/1.0.0..9.9.9", 404, "version_not_found"],
    ["/api/v1/diff/demo-pkg/1..2..3", 400, "bad_request"],
    ["/api/v1/diff/demo-pkg", 400, "bad_request"],
  ])("%s → %i %s, as JSON without internals", async (url, status, kind) => {
    const response = await diffEndpoint(get(url), npmEcosystem, segments(url), "json");
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { kind: string; message: string; nearest?: string[] } };
    expect(body.error.kind).toBe(kind);
    expect(JSON.stringify(body)).not.toMatch(/\/work\/|node_modules|at .*\(/);
    if (kind === "version_not_found") expect(body.error.nearest).toContain("1.2.0");
  });

  it("says the registry failed when it answers 500", async () => {
    registry().setFault({ kind: "status", status: 500, only: "packument" });
    try {
      const url = "/api/v1/diff/@scope/widget/1.0.0..1.1.0";
      const response = await diffEndpoint(get(url), npmEcosystem, segments(url), "json");
      expect(response.status).toBe(502);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/registry/i);
    } finally {
      registry().setFault(null);
    }
  });
});

describe("/api/v1/packages", () => {
  it("lists versions newest first with times, deprecation and tags", async () => {
    const response = await packageEndpoint(get("/api/v1/packages/demo-pkg"), npmEcosystem, ["demo-pkg"]);
    const body = (await response.json()) as {
      distTags: Record<string, string>;
      versions: { version: string; publishedAt: string | null; deprecated: string | false }[];
    };
    expect(body.versions.map((v) => v.version)).toEqual(["2.0.0-rc.1", "1.2.0", "1.2.0-beta.1", "1.1.0", "1.0.0"]);
    expect(body.distTags).toEqual({ latest: "1.2.0", next: "2.0.0-rc.1" });
    expect(body.versions.at(-1)?.deprecated).toBe("use 1.1.0");
    expect(body.versions[0]?.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("handles scoped names in either form and 404s unknown ones", async () => {
    expect((await packageEndpoint(get("/api/v1/packages/@scope/widget"), npmEcosystem, ["%40scope", "widget"])).status).toBe(200);
    expect((await packageEndpoint(get("/api/v1/packages/@scope%2fwidget"), npmEcosystem, ["@scope%2fwidget"])).status).toBe(200);
    expect((await packageEndpoint(get("/api/v1/packages/nope"), npmEcosystem, ["nope-nope"])).status).toBe(404);
  });
});
