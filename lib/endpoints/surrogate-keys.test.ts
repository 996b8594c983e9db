import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { rawEndpoint } from "../browse/raw-endpoint";
import { linesEndpoint } from "../browse/lines-endpoint";
import { surrogateKeys, surrogateKeysOf } from "../http/surrogate-keys.mjs";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { getRequest, withAppEnv } from "../testing/app-env";
import { diffEndpoint, packageEndpoint } from "./api";
import { fileSliceEndpoint } from "./file-endpoint";

withAppEnv();

const page = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${path}`, { headers }));
/** The route's slug: what follows `/api/v1/<family>/` (or `/diff/` for a patch). */
const slug = (path: string, skip: number) => path.split("?")[0]!.split("/").slice(skip);

describe("surrogate keys (xkey)", () => {
  it("name the package and its ecosystem, the name as written", () => {
    expect(surrogateKeys("npm", "@babel/core")).toBe("pkg:npm:@babel/core eco:npm");
  });

  it("of several packages name each package and each ecosystem once", () => {
    const packages = [
      { ecosystemId: "npm", name: "react" },
      { ecosystemId: "hex", name: "plug" },
      { ecosystemId: "npm", name: "react" },
      { ecosystemId: "npm", name: "@babel/core" },
    ];
    expect(surrogateKeysOf(packages)).toBe("pkg:npm:react pkg:hex:plug pkg:npm:@babel/core eco:npm eco:hex");
  });

  it("are on a /diffs page and its redirect: every package in it", async () => {
    const redirect = await page("/diffs?d=demo-pkg:1.0.0:latest&d=@scope/widget:1.0.0:1.1.0");
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("xkey")).toBe("pkg:npm:demo-pkg pkg:npm:@scope/widget eco:npm");
    const canonical = await page("/diffs?d=@scope/widget:1.0.0:1.1.0&d=demo-pkg:1.0.0:1.1.0");
    expect(canonical.status).toBe(200);
    expect(canonical.headers.get("xkey")).toBe("pkg:npm:@scope/widget pkg:npm:demo-pkg eco:npm");
  });

  it("are on a canonical diff page, its 304, a redirect to it and the versions page", async () => {
    const canonical = await page("/diff/demo-pkg/1.1.0..1.2.0");
    expect(canonical.status).toBe(200);
    expect(canonical.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    const notModified = await page("/diff/demo-pkg/1.1.0..1.2.0", { "if-none-match": canonical.headers.get("etag") ?? "" });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    const redirect = await page("/diff/demo-pkg/1.1.0..latest");
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    expect((await page("/diff/demo-pkg")).headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
  });

  it("are on browse pages and raw files of a scoped package", async () => {
    const browse = await page("/browse/@scope/widget/1.0.0");
    expect(browse.status).toBe(200);
    expect(browse.headers.get("xkey")).toBe("pkg:npm:@scope/widget eco:npm");
    const raw = await rawEndpoint(getRequest("/raw/@scope/widget/1.0.0/package.json"), npmEcosystem);
    expect(raw.status).toBe(200);
    expect(raw.headers.get("xkey")).toBe("pkg:npm:@scope/widget eco:npm");
    const lines = await linesEndpoint(getRequest("/api/v1/lines/@scope/widget/1.0.0/package.json"), npmEcosystem);
    expect(lines.status).toBe(200);
    expect(lines.headers.get("xkey")).toBe("pkg:npm:@scope/widget eco:npm");
  });

  it("are on the patch, the JSON diff, its slices and the package API", async () => {
    const patchUrl = "/diff/demo-pkg/1.1.0..1.2.0.patch";
    const patch = await diffEndpoint(getRequest(patchUrl), npmEcosystem, slug(patchUrl, 2), "patch");
    expect(patch.status).toBe(200);
    expect(patch.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    const jsonUrl = "/api/v1/diff/demo-pkg/1.1.0..1.2.0";
    const json = await diffEndpoint(getRequest(jsonUrl), npmEcosystem, slug(jsonUrl, 4), "json");
    expect(json.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    const files = ((await json.json()) as { files: { path: string }[] }).files;
    const sliceUrl = `/api/v1/file/demo-pkg/1.1.0..1.2.0?path=${encodeURIComponent(files[0]!.path)}`;
    const slice = await fileSliceEndpoint(getRequest(sliceUrl), npmEcosystem, slug(sliceUrl, 4));
    expect(slice.status).toBe(200);
    expect(slice.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    const rangeUrl = "/api/v1/diff/demo-pkg/^1.0.0..1.2.0";
    const range = await diffEndpoint(getRequest(rangeUrl), npmEcosystem, slug(rangeUrl, 4), "json");
    expect(range.status).toBe(307);
    expect(range.headers.get("xkey")).toBe("pkg:npm:demo-pkg eco:npm");
    const pkgUrl = "/api/v1/packages/@scope/widget";
    const pkg = await packageEndpoint(getRequest(pkgUrl), npmEcosystem, slug(pkgUrl, 4));
    expect(pkg.headers.get("xkey")).toBe("pkg:npm:@scope/widget eco:npm");
  });

  it("are not on responses about no package", async () => {
    expect((await page("/")).headers.get("xkey")).toBeNull();
  });
});
