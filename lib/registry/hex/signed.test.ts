import { createHash, generateKeyPairSync } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { type HexFixtureRepository, buildHexRepository } from "../../../fixtures/hex/build-repo";
import { type SignedResourceOptions, decodeNamesResource, decodePackageResource, decodeVersionsResource, parseHexPublicKey } from "./signed";
import { refusal } from "./test-helpers";

// Every resource here was encoded and signed by hex_core (r3_hex_registry) with a key made for the test.
let repo: HexFixtureRepository;
let options: SignedResourceOptions;

beforeAll(async () => {
  repo = await buildHexRepository();
  options = { publicKey: parseHexPublicKey(repo.publicKeyPem), repository: repo.repository, maxInflatedBytes: 1024 * 1024 };
}, 180_000);

function file(path: string): Buffer {
  const bytes = repo.files.get(path);
  if (bytes === undefined) throw new Error(`the fixture repository has no ${path}`);
  return bytes;
}


describe("reference-built registry resources", () => {
  it("decodes /names", () => {
    const names = decodeNamesResource(file("names"), options);
    expect(names.repository).toBe("hexpm");
    expect(names.packages.map((p) => p.name)).toEqual(repo.packages.map((p) => p.name).sort());
  });

  it("decodes /versions with the retired indexes", () => {
    const versions = decodeVersionsResource(file("versions"), options);
    const decimal = versions.packages.find((p) => p.name === "decimal");
    expect(decimal?.versions).toEqual(["1.9.0", "2.0.0", "2.1.0", "2.1.1", "2.2.0-rc.0", "2.2.0-rc.1"]);
    expect(decimal?.retired).toEqual([1]);
  });

  it("decodes /packages/<name>: releases, retirement, dependencies and both checksums", () => {
    const pkg = decodePackageResource(file("packages/decimal"), "decimal", options);
    expect(pkg.name).toBe("decimal");
    expect(pkg.releases.map((r) => r.version)).toEqual(["1.9.0", "2.0.0", "2.1.0", "2.1.1", "2.2.0-rc.0", "2.2.0-rc.1"]);
    const byVersion = new Map(pkg.releases.map((r) => [r.version, r]));
    expect(byVersion.get("2.0.0")?.retired).toEqual({ reason: "security", message: "Rounding bug in Context, use 2.1.0" });
    expect(byVersion.get("2.1.0")?.retired).toBeUndefined();
    expect(byVersion.get("2.1.1")?.dependencies).toEqual([
      { package: "jason", requirement: "~> 1.4", optional: false, app: "jason" },
      { package: "telemetry", requirement: "~> 1.2", optional: true, app: "telemetry" },
    ]);
    const tarball = file("tarballs/decimal-2.1.1.tar");
    const outer = byVersion.get("2.1.1")?.outerChecksum;
    expect(Buffer.from(outer ?? []).toString("hex")).toBe(createHash("sha256").update(tarball).digest("hex"));
    expect(byVersion.get("2.1.1")?.innerChecksum?.byteLength).toBe(32);
  });
});

describe("refused resources", () => {
  it.each(["names", "versions", "packages/decimal"])("refuses foreign/%s, signed with another key, naming the check", async (path) => {
    const body = file(`foreign/${path}`);
    const error = await refusal(() =>
      path === "names"
        ? decodeNamesResource(body, options)
        : path === "versions"
          ? decodeVersionsResource(body, options)
          : decodePackageResource(body, "decimal", options),
    );
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("signature does not verify with the configured HEX_REPO_PUBLIC_KEY");
  });

  it("accepts the foreign copy with the foreign key: the bytes are fine, only the key differs", () => {
    const foreign = { ...options, publicKey: parseHexPublicKey(repo.foreignPublicKeyPem) };
    expect(decodePackageResource(file("foreign/packages/decimal"), "decimal", foreign).name).toBe("decimal");
  });

  it("refuses a payload changed after signing", async () => {
    const signed = Buffer.from(gunzipSync(file("packages/decimal")));
    signed[20] = (signed[20] ?? 0) ^ 0x01;
    const error = await refusal(() => decodePackageResource(gzipSync(signed), "decimal", options));
    expect(error.message).toContain("signature does not verify");
  });

  it("refuses a payload for another package, saying which", async () => {
    const error = await refusal(() => decodePackageResource(file("packages/decimal"), "jason", options));
    expect(error.kind).toBe("upstream");
    expect(error.message).toBe(`The registry's /packages/jason was refused: its payload is for package "decimal", not "jason"`);
  });

  it("refuses a payload for another repository, saying which", async () => {
    const error = await refusal(() => decodePackageResource(file("elsewhere/packages/decimal"), "decimal", options));
    expect(error.message).toContain(`its payload is for repository "elsewhere", not "hexpm"`);
    expect((await refusal(() => decodeNamesResource(file("elsewhere/names"), options))).message).toContain('repository "elsewhere"');
  });

  it("refuses a body that is not gzip", async () => {
    const error = await refusal(() => decodeNamesResource(Buffer.from("<html>"), options));
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("is not valid gzip data");
  });

  it("stops inflating at the bound", async () => {
    const error = await refusal(() => decodeVersionsResource(gzipSync(Buffer.alloc(10_000)), { ...options, maxInflatedBytes: 1000 }));
    expect(error.kind).toBe("too_large");
    expect(error.message).toContain("inflates to more than");
  });

  it("refuses gzip that holds no Signed message", async () => {
    const error = await refusal(() => decodeNamesResource(gzipSync(Buffer.from([0xff, 0xff])), options));
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("is not a valid protobuf message");
  });
});

describe("parseHexPublicKey", () => {
  it("names the setting for text that is no key", () => {
    expect(() => parseHexPublicKey("not a key")).toThrow(/HEX_REPO_PUBLIC_KEY is not a PEM public key/);
  });

  it("refuses a key that is not RSA", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() => parseHexPublicKey(publicKey.export({ type: "spki", format: "pem" }).toString())).toThrow(/ec key; Hex repositories sign with RSA/);
  });
});
