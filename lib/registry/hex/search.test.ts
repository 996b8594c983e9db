import { afterEach, describe, expect, it } from "vitest";
import { withHexAppEnv } from "../../testing/hex-env";
import { createHexClient } from "./client";
import { createHexSearch } from "./search";
import { parseHexPublicKey } from "./signed";

// The test repository, built by hex_core and served on loopback.
const hex = withHexAppEnv();
afterEach(() => {
  const { server, repo } = hex();
  server.override("names", repo.files.get("names") ?? null);
});

const search = () => {
  const { server, repo } = hex();
  return createHexSearch(() =>
    createHexClient({
      repoUrl: server.url,
      publicKey: parseHexPublicKey(repo.publicKeyPem),
      repository: repo.repository,
      timeoutMs: 2_000,
      retries: 0,
      maxTarballBytes: 200 * 1024 * 1024,
    }),
  );
};

describe("createHexSearch", () => {
  it("gives every package name of the repository's signed /names", async () => {
    const { server, repo } = hex();
    const names = await search().indexNames();
    expect([...names].sort()).toEqual(repo.packages.map((p) => p.name).sort());
    expect(server.requests.at(-1)).toBe("/names");
  });

  it("revalidates /names with its ETag on the next build and still gives the names", async () => {
    const { server } = hex();
    const names = search();
    const first = await names.indexNames();
    const mark = server.requests.length;
    expect(await names.indexNames()).toEqual(first);
    expect(server.requests.slice(mark)).toEqual(["/names"]);
  });

  it("refuses /names signed with another key, saying which check failed", async () => {
    const { server, repo } = hex();
    server.override("names", repo.files.get("foreign/names") ?? null);
    await expect(search().indexNames()).rejects.toThrow(/\/names was refused: its signature does not verify/);
  });

  it("refuses /names signed for another repository", async () => {
    const { server, repo } = hex();
    server.override("names", repo.files.get("elsewhere/names") ?? null);
    await expect(search().indexNames()).rejects.toThrow(/payload is for repository "elsewhere"/);
  });

  it("searches nothing and asks nobody while Hex is not configured", async () => {
    const { server } = hex();
    const mark = server.requests.length;
    const unconfigured = createHexSearch(() => undefined);
    expect(unconfigured.available()).toBe(false);
    expect(await unconfigured.indexNames()).toEqual([]);
    expect(unconfigured.registrySearch).toBeUndefined();
    expect(server.requests.length).toBe(mark);
    expect(search().available()).toBe(true);
  });
});
