import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FOREIGN_TARBALL_ORIGIN } from "../../../fixtures/packages";
import { type FixtureRegistry, Gate, startFixtureRegistry } from "../../../fixtures/registry";
import { adapterFor, rejection, requestsSince } from "./test-helpers";

let registry: FixtureRegistry;

beforeAll(async () => {
  registry = await startFixtureRegistry();
});
afterEach(() => registry.setFault(null));
afterAll(() => registry.close());

describe("getPackage", () => {
  it("reshapes the packument: versions newest first, tags, times, deprecation", async () => {
    const pkg = await adapterFor(registry).getPackage("demo-pkg");
    expect(pkg.registry).toBe("npm");
    expect(pkg.name).toBe("demo-pkg");
    expect(pkg.sortedVersions).toEqual(["2.0.0-rc.1", "1.2.0", "1.2.0-beta.1", "1.1.0", "1.0.0"]);
    expect(pkg.distTags).toEqual({ latest: "1.2.0", next: "2.0.0-rc.1" });
    expect(pkg.versions.get("1.0.0")).toMatchObject({ deprecated: "use 1.1.0", publishedAt: "2024-01-10T09:00:00.000Z" });
    expect(pkg.versions.get("1.1.0")?.deprecated).toBeUndefined();
    expect(pkg.versions.get("1.2.0")).toMatchObject({
      tarballUrl: `${registry.url}demo-pkg/-/demo-pkg-1.2.0.tgz`,
      integrity: expect.stringMatching(/^sha512-/),
      shasum: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(Object.keys(pkg)).not.toContain("readme");
  });

  it("asks for the full packument as JSON, with the scope separator escaped", async () => {
    const mark = registry.requests.length;
    const pkg = await adapterFor(registry).getPackage("@scope/widget");
    expect(pkg.name).toBe("@scope/widget");
    expect(pkg.sortedVersions).toEqual(["1.1.0", "1.0.0"]);
    expect(requestsSince(registry, mark)).toEqual(["/@scope%2fwidget"]);
    expect(registry.requestHeaders[mark]?.accept).toBe("application/json");
    expect(registry.requestHeaders[mark]?.authorization).toBeUndefined();
  });

  it("caches a packument by name for the TTL", async () => {
    const npm = adapterFor(registry);
    const mark = registry.requests.length;
    const first = await npm.getPackage("odd-top");
    const second = await npm.getPackage("odd-top");
    expect(second).toBe(first);
    expect(requestsSince(registry, mark)).toEqual(["/odd-top"]);
  });

  it("refetches when caching is off", async () => {
    const npm = adapterFor(registry, { packumentTtlMs: 0 });
    const mark = registry.requests.length;
    await npm.getPackage("odd-top");
    await npm.getPackage("odd-top");
    expect(requestsSince(registry, mark)).toEqual(["/odd-top", "/odd-top"]);
  });

  it("makes one request for concurrent calls (single-flight), even without a cache", async () => {
    const npm = adapterFor(registry, { packumentTtlMs: 0 });
    const gate = new Gate();
    registry.setFault({ kind: "hold", gate });
    const mark = registry.requests.length;
    const calls = [1, 2, 3, 4, 5].map(() => npm.getPackage("demo-pkg"));
    await gate.arrived(); // all five are waiting on the first one's request
    gate.open();
    const all = await Promise.all(calls);
    expect(new Set(all).size).toBe(1);
    expect(requestsSince(registry, mark)).toEqual(["/demo-pkg"]);
  });

  it("does not cache failures", async () => {
    const npm = adapterFor(registry, { retries: 0 });
    registry.setFault({ kind: "status", status: 503, times: 1 });
    expect((await rejection(npm.getPackage("sha1-only"))).kind).toBe("upstream");
    const pkg = await npm.getPackage("sha1-only");
    expect(pkg.sortedVersions).toEqual(["1.1.0", "1.0.0"]);
  });

  it("maps 404 to not_found", async () => {
    const error = await rejection(adapterFor(registry).getPackage("no-such-package"));
    expect(error.kind).toBe("not_found");
    expect(error.details.packageName).toBe("no-such-package");
    expect(error.message).toContain("no-such-package");
  });

  it("refuses an invalid name without asking the registry", async () => {
    const mark = registry.requests.length;
    const error = await rejection(adapterFor(registry).getPackage("../etc/passwd"));
    expect(error.kind).toBe("bad_request");
    expect(requestsSince(registry, mark)).toEqual([]);
  });
});

describe("getTarball", () => {
  it("returns the bytes verified against sha512 integrity", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("demo-pkg");
    const bytes = await npm.getTarball(pkg, "1.2.0");
    const digest = `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
    expect(digest).toBe(pkg.versions.get("1.2.0")?.integrity);
    expect(gunzipSync(bytes).subarray(0, 20).toString("latin1")).toBe("package/package.json");
  });

  it("fetches scoped tarballs", async () => {
    const npm = adapterFor(registry);
    const mark = registry.requests.length;
    const bytes = await npm.getTarball(await npm.getPackage("@scope/widget"), "1.1.0");
    expect(bytes.byteLength).toBeGreaterThan(100);
    expect(requestsSince(registry, mark)).toContain("/@scope/widget/-/widget-1.1.0.tgz");
  });

  it("verifies packages that only have a sha1 shasum", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("sha1-only");
    const meta = pkg.versions.get("1.0.0");
    expect(meta?.integrity).toBeUndefined();
    const bytes = await npm.getTarball(pkg, "1.0.0");
    expect(createHash("sha1").update(bytes).digest("hex")).toBe(meta?.shasum);
  });

  it("rejects a tarball that does not match its shasum", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("sha1-only");
    const meta = pkg.versions.get("1.1.0");
    if (!meta) throw new Error("fixture lost sha1-only@1.1.0");
    const tampered = { ...pkg, versions: new Map([["1.1.0", { ...meta, shasum: "0".repeat(40) }]]) };
    const error = await rejection(npm.getTarball(tampered, "1.1.0"));
    expect(error.kind).toBe("integrity");
    expect(error.message).toContain("shasum");
  });

  it("rejects a tarball that does not match its integrity, and returns no bytes", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("bad-integrity");
    await expect(npm.getTarball(pkg, "1.0.0")).resolves.toBeInstanceOf(Uint8Array);
    const error = await rejection(npm.getTarball(pkg, "1.0.1"));
    expect(error.kind).toBe("integrity");
    expect(error.message).toBe("The registry's tarball of bad-integrity@1.0.1 does not match its published sha512 integrity");
    expect(error.details).toEqual({ packageName: "bad-integrity", version: "1.0.1" });
  });

  it("refuses a tarball URL on another origin without contacting it", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("foreign-origin");
    expect(pkg.versions.get("1.0.0")?.tarballUrl.startsWith(FOREIGN_TARBALL_ORIGIN)).toBe(true);
    const error = await rejection(npm.getTarball(pkg, "1.0.0"));
    expect(error.kind).toBe("forbidden_origin");
    expect(error.message).toContain(FOREIGN_TARBALL_ORIGIN);
  });

  it("refuses a redirect to another origin", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("demo-pkg");
    registry.setFault({ kind: "redirect", location: `${FOREIGN_TARBALL_ORIGIN}/stolen.tgz`, only: "tarball" });
    expect((await rejection(npm.getTarball(pkg, "1.1.0"))).kind).toBe("forbidden_origin");
  });

  it("follows a redirect within the registry's origin", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("demo-pkg");
    registry.setFault({ kind: "redirect", location: "/demo-pkg/-/demo-pkg-1.1.0.tgz", times: 1, only: "tarball" });
    const mark = registry.requests.length;
    await expect(npm.getTarball(pkg, "1.1.0")).resolves.toBeInstanceOf(Uint8Array);
    expect(requestsSince(registry, mark)).toHaveLength(2);
  });

  it("answers 404 for a listed version's tarball as a registry failure", async () => {
    const npm = adapterFor(registry);
    const pkg = await npm.getPackage("demo-pkg");
    const meta = pkg.versions.get("1.1.0");
    if (!meta) throw new Error("fixture lost demo-pkg@1.1.0");
    const missing = { ...pkg, versions: new Map([["1.1.0", { ...meta, tarballUrl: `${registry.url}demo-pkg/-/gone.tgz` }]]) };
    const error = await rejection(npm.getTarball(missing, "1.1.0"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("404");
  });

  it("says version_not_found for a version the package does not have", async () => {
    const npm = adapterFor(registry);
    const error = await rejection(npm.getTarball(await npm.getPackage("demo-pkg"), "1.3.0"));
    expect(error.kind).toBe("version_not_found");
    expect(error.details.nearest?.[0]).toBe("1.2.0");
  });

  it("refuses a tarball over maxTarballBytes from its Content-Length", async () => {
    const npm = adapterFor(registry, { maxTarballBytes: 200 });
    const pkg = await npm.getPackage("demo-pkg");
    const error = await rejection(npm.getTarball(pkg, "1.2.0"));
    expect(error.kind).toBe("too_large");
    expect(error.message).toContain("200 bytes");
  });

  it("refuses from Content-Length alone, before reading any of the body", async () => {
    const pkg = await adapterFor(registry).getPackage("demo-pkg");
    let bodyRead = false;
    const huge: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            bodyRead = true;
            controller.error(new Error("the body should not have been read"));
          },
        }, { highWaterMark: 0 }), // pull only when someone reads
        { headers: { "content-length": String(5 * 1024 ** 3) } },
      );
    const npm = adapterFor(registry, { fetch: huge, maxTarballBytes: 1024 * 1024 });
    const error = await rejection(npm.getTarball(pkg, "1.2.0"));
    expect(error.kind).toBe("too_large");
    expect(error.message).toBe("The tarball of demo-pkg@1.2.0 is larger than the 1 MiB limit");
    expect(bodyRead).toBe(false);
  });

  it("stops reading past maxTarballBytes when there is no Content-Length", async () => {
    const npm = adapterFor(registry, { maxTarballBytes: 200 });
    const pkg = await npm.getPackage("demo-pkg");
    registry.setFault({ kind: "no-content-length", only: "tarball" });
    expect((await rejection(npm.getTarball(pkg, "1.2.0"))).kind).toBe("too_large");
    const small = adapterFor(registry, { maxTarballBytes: 1024 * 1024 });
    await expect(small.getTarball(pkg, "1.2.0")).resolves.toBeInstanceOf(Uint8Array);
  });
});

describe("authentication", () => {
  let privateRegistry: FixtureRegistry;
  let cdn: FixtureRegistry;

  beforeAll(async () => {
    cdn = await startFixtureRegistry();
    privateRegistry = await startFixtureRegistry({ requireToken: "s3cret", tarballBaseUrl: cdn.url });
  });
  afterAll(async () => {
    await privateRegistry.close();
    await cdn.close();
  });

  it("sends the token as a bearer header to the registry", async () => {
    const npm = adapterFor(privateRegistry, { token: "s3cret", allowedTarballOrigins: [cdn.url] });
    const mark = privateRegistry.requests.length;
    const pkg = await npm.getPackage("demo-pkg");
    expect(pkg.sortedVersions).toHaveLength(5);
    expect(privateRegistry.requestHeaders[mark]?.authorization).toBe("Bearer s3cret");
  });

  it("fetches from an allowed tarball origin, without the token", async () => {
    const npm = adapterFor(privateRegistry, { token: "s3cret", allowedTarballOrigins: [cdn.url] });
    const pkg = await npm.getPackage("demo-pkg");
    const mark = cdn.requests.length;
    await expect(npm.getTarball(pkg, "1.1.0")).resolves.toBeInstanceOf(Uint8Array);
    expect(requestsSince(cdn, mark)).toEqual(["/demo-pkg/-/demo-pkg-1.1.0.tgz"]);
    expect(cdn.requestHeaders[mark]?.authorization).toBeUndefined();
  });

  it("refuses the CDN origin when it is not allowed", async () => {
    const npm = adapterFor(privateRegistry, { token: "s3cret" });
    const pkg = await npm.getPackage("demo-pkg");
    expect((await rejection(npm.getTarball(pkg, "1.1.0"))).kind).toBe("forbidden_origin");
  });

  it.each([
    ["no token", undefined],
    ["a wrong token", "nope"],
  ])("explains a 401 with %s as an authentication problem, without retrying", async (_label, token) => {
    const npm = adapterFor(privateRegistry, { token });
    const mark = privateRegistry.requests.length;
    const error = await rejection(npm.getPackage("demo-pkg"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toMatch(/authentication/);
    expect(error.message).toContain("NPM_TOKEN");
    expect(error.message).not.toContain("s3cret");
    expect(requestsSince(privateRegistry, mark)).toHaveLength(1);
  });
});
