import { describe, expect, it } from "vitest";
import { GET as diffGET } from "../../app/api/v1/[ecosystem]/diff/[...slug]/route";
import { getRequest, withAppEnv } from "../testing/app-env";
import { withHexAppEnv } from "../testing/hex-env";

// The fixture repository's own hostile packages, served as they are (no override): what the browser tests open too.
withAppEnv();
withHexAppEnv();

const api = (name: string, range: string) =>
  diffGET(getRequest(`/api/v1/hex/diff/${name}/${range}`), { params: Promise.resolve({ ecosystem: "hex", slug: [name, range] }) });

async function refused(name: string): Promise<{ status: number; kind: string; message: string }> {
  const response = await api(name, "1.0.0..1.0.0");
  const { error } = (await response.json()) as { error: { kind: string; message: string } };
  return { status: response.status, kind: error.kind, message: error.message };
}

describe("hostile releases of the fixture repository", () => {
  it("hostile_swapped: a self-consistent tarball served in place of the published one fails the signed outer checksum, 502", async () => {
    expect(await refused("hostile_swapped")).toEqual({
      status: 502,
      kind: "integrity",
      message: "The tarball of hostile_swapped 1.0.0 does not match the registry's outer checksum (SHA-256 of the whole file)",
    });
  });

  it("hostile_foreign_key: a package resource signed with another key fails the signature check, 502", async () => {
    const { status, kind, message } = await refused("hostile_foreign_key");
    expect({ status, kind }).toEqual({ status: 502, kind: "upstream" });
    expect(message).toMatch(/signature does not verify with the configured HEX_REPO_PUBLIC_KEY/);
  });
});
