import { describe, expect, it } from "vitest";
import { GET as packagesGET } from "../../app/api/v1/[ecosystem]/packages/[...slug]/route";
import { getRequest, withAppEnv } from "../testing/app-env";

// npm is configured (the fixture registry), Hex is not: HEX_REPO_URL and Hex's own HEX_MIRROR stay unset in this file.
withAppEnv();

describe("Hex without HEX_REPO_URL or HEX_MIRROR", () => {
  it("answers 503 saying what to set, without any request", async () => {
    delete process.env.HEX_REPO_URL;
    delete process.env.HEX_MIRROR;
    const response = await packagesGET(getRequest("/api/v1/hex/packages/decimal"), {
      params: Promise.resolve({ ecosystem: "hex", slug: ["decimal"] }),
    });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { kind: string; message: string } };
    expect(body.error).toMatchObject({ kind: "not_configured", message: "Hex is not configured on this server: set HEX_REPO_URL to the Hex repository's URL." });
  });
});
