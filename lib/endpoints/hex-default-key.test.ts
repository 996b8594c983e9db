import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHexRepository } from "../../fixtures/hex/build-repo";
import { type HexFixtureServer, startHexFixtureServer } from "../../fixtures/hex/server";
import { GET as packagesGET } from "../../app/api/v1/[ecosystem]/packages/[...slug]/route";
import { getRequest, withAppEnv } from "../testing/app-env";

// Hex's own HEX_MIRROR names the repository and HEX_REPO_PUBLIC_KEY is unset: the shipped public key
// (assets/hex/hexpm-public-key.pem) is the one resources must verify with. The fixture repository
// signs with a key of its own, so every resource is refused, which shows both defaults at work.
withAppEnv();
let server: HexFixtureServer;
beforeAll(async () => {
  server = await startHexFixtureServer(await buildHexRepository());
  delete process.env.HEX_REPO_URL;
  delete process.env.HEX_REPO_PUBLIC_KEY;
  process.env.HEX_MIRROR = server.url;
}, 300_000);
afterAll(async () => {
  delete process.env.HEX_MIRROR;
  await server.close();
});

describe("Hex with HEX_MIRROR and the shipped public key", () => {
  it("asks the mirror, and refuses what the public repository's key did not sign with a 502", async () => {
    const response = await packagesGET(getRequest("/api/v1/hex/packages/decimal"), {
      params: Promise.resolve({ ecosystem: "hex", slug: ["decimal"] }),
    });
    expect(server.requests).toContain("/packages/decimal");
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { kind: string; message: string } };
    expect(body.error.message).toMatch(/signature does not verify with the configured HEX_REPO_PUBLIC_KEY/);
  });
});
