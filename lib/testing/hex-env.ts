import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { buildHexRepository, type HexFixtureRepository } from "../../fixtures/hex/build-repo";
import { type HexFixtureServer, startHexFixtureServer } from "../../fixtures/hex/server";

export interface HexAppEnv {
  repo: HexFixtureRepository;
  server: HexFixtureServer;
}

/**
 * Points HEX_REPO_URL and HEX_REPO_PUBLIC_KEY at the test Hex repository
 * (built by Hex's reference implementation, fixtures/hex/) served on a
 * loopback port, for a whole test file, beside `withAppEnv()` (which does
 * the same for npm). Set before the first `getService()` of the file.
 */
export function withHexAppEnv(): () => HexAppEnv {
  let env: HexAppEnv | undefined;
  beforeAll(async () => {
    const repo = await buildHexRepository();
    const server = await startHexFixtureServer(repo);
    const keyFile = path.join(await mkdtemp(path.join(tmpdir(), "pkgdiff-hex-key-")), "repo.pem");
    await writeFile(keyFile, repo.publicKeyPem);
    process.env.HEX_REPO_URL = server.url;
    process.env.HEX_REPO_PUBLIC_KEY = keyFile;
    env = { repo, server };
  }, 300_000);
  afterAll(async () => {
    await env?.server.close();
  });
  return () => {
    if (!env) throw new Error("the Hex environment has not started");
    return env;
  };
}
