import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkIntegrity, verifyIntegrity } from "./integrity";

const bytes = new TextEncoder().encode("the tarball bytes");
const other = new TextEncoder().encode("other bytes");

function sri(algorithm: string, data: Uint8Array): string {
  return `${algorithm}-${createHash(algorithm).update(data).digest("base64")}`;
}
function hex(data: Uint8Array): string {
  return createHash("sha1").update(data).digest("hex");
}

describe("checkIntegrity", () => {
  it.each([
    ["sha512", { integrity: sri("sha512", bytes) }, "ok", "sha512", "integrity"],
    ["sha384", { integrity: sri("sha384", bytes) }, "ok", "sha384", "integrity"],
    ["sha256", { integrity: sri("sha256", bytes) }, "ok", "sha256", "integrity"],
    ["sha1 in SRI form", { integrity: sri("sha1", bytes) }, "ok", "sha1", "integrity"],
    ["sha512 mismatch", { integrity: sri("sha512", other) }, "mismatch", "sha512", "integrity"],
    ["strongest wins: a right sha1 does not rescue a wrong sha512", { integrity: `${sri("sha1", bytes)} ${sri("sha512", other)}` }, "mismatch", "sha512", "integrity"],
    ["strongest wins: a wrong sha1 is not even looked at", { integrity: `${sri("sha1", other)} ${sri("sha512", bytes)}` }, "ok", "sha512", "integrity"],
    ["any digest of the strongest algorithm may match", { integrity: `${sri("sha512", other)} ${sri("sha512", bytes)}` }, "ok", "sha512", "integrity"],
    ["SRI options are ignored", { integrity: `${sri("sha512", bytes)}?opt=1` }, "ok", "sha512", "integrity"],
    ["upper-case algorithm", { integrity: sri("sha512", bytes).replace("sha512", "SHA512") }, "ok", "sha512", "integrity"],
    ["integrity preferred over a wrong shasum", { integrity: sri("sha512", bytes), shasum: hex(other) }, "ok", "sha512", "integrity"],
    ["shasum only", { shasum: hex(bytes) }, "ok", "sha1", "shasum"],
    ["shasum upper-case", { shasum: hex(bytes).toUpperCase() }, "ok", "sha1", "shasum"],
    ["shasum mismatch", { shasum: hex(other) }, "mismatch", "sha1", "shasum"],
    ["unknown algorithm falls back to shasum", { integrity: "md5-AAAA", shasum: hex(bytes) }, "ok", "sha1", "shasum"],
    ["truncated digest falls back to shasum", { integrity: "sha512-AAAA", shasum: hex(other) }, "mismatch", "sha1", "shasum"],
  ])("%s", (_label, dist, status, algorithm, source) => {
    expect(checkIntegrity(bytes, dist)).toMatchObject({ status, algorithm, source });
  });

  it.each([
    ["unknown algorithm only", { integrity: "md5-1B2M2Y8AsgTpgAmY7PhCfg==" }],
    ["malformed shasum only", { shasum: "not-hex" }],
    ["garbage integrity", { integrity: "!!!" }],
  ])("%s → unusable", (_label, dist) => {
    expect(checkIntegrity(bytes, dist)).toEqual({ status: "unusable" });
  });

  it.each([{}, { integrity: "", shasum: "" }, { integrity: "  " }])("no checksum %j → absent", (dist) => {
    expect(checkIntegrity(bytes, dist)).toEqual({ status: "absent" });
  });

  it("reports the actual digest on mismatch", () => {
    const result = checkIntegrity(bytes, { integrity: sri("sha512", other) });
    expect(result).toMatchObject({ status: "mismatch", actual: sri("sha512", bytes) });
  });
});

describe("verifyIntegrity", () => {
  it("is true only for a verified match", () => {
    expect(verifyIntegrity(bytes, { integrity: sri("sha512", bytes) })).toBe(true);
    expect(verifyIntegrity(bytes, { integrity: sri("sha512", other) })).toBe(false);
    expect(verifyIntegrity(bytes, {})).toBe(false);
  });
});
