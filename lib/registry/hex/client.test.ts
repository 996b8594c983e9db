import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type HexFixtureRepository, buildHexRepository } from "../../../fixtures/hex/build-repo";
import { type HexFixtureServer, startHexFixtureServer } from "../../../fixtures/hex/server";
import { type HexClientOptions, createHexClient } from "./client";
import { parseHexPublicKey } from "./signed";
import { refusal } from "./test-helpers";

let repo: HexFixtureRepository;
let server: HexFixtureServer;

beforeAll(async () => {
  repo = await buildHexRepository();
  server = await startHexFixtureServer(repo);
}, 180_000);
afterAll(() => server.close());
afterEach(() => {
  for (const path of ["packages/decimal", "packages/jason", "tarballs/decimal-2.1.1.tar"]) server.override(path, repo.files.get(path) ?? null);
  server.setFault(null);
});

function client(overrides: Partial<HexClientOptions> = {}, url = server.url) {
  return createHexClient({
    repoUrl: url,
    publicKey: parseHexPublicKey(repo.publicKeyPem),
    repository: repo.repository,
    timeoutMs: 2_000,
    retries: 1,
    retryBaseMs: 1,
    maxTarballBytes: 200 * 1024 * 1024,
    ...overrides,
  });
}

const since = (mark: number): string[] => server.requests.slice(mark);

describe("createHexClient", () => {
  it("fetches and verifies /names, /versions and /packages/<name>", async () => {
    const hex = client();
    expect((await hex.names()).packages.map((p) => p.name)).toContain("decimal");
    expect((await hex.versions()).packages.find((p) => p.name === "telemetry")?.versions).toEqual(["1.0.0", "1.2.1"]);
    const pkg = await hex.package("decimal");
    expect(pkg.releases.find((r) => r.version === "2.0.0")?.retired?.reason).toBe("security");
  });

  it("revalidates a registry resource with its ETag and reuses the body on 304", async () => {
    const hex = client();
    const mark = server.requests.length;
    const first = await hex.package("decimal");
    const second = await hex.package("decimal");
    expect(second).toEqual(first);
    expect(since(mark)).toEqual(["/packages/decimal", "/packages/decimal"]);
    const headers = server.requestHeaders.slice(mark);
    expect(headers[0]?.["if-none-match"]).toBeUndefined();
    expect(headers[1]?.["if-none-match"]).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("fetches a tarball and verifies it against the release", async () => {
    const hex = client();
    const release = (await hex.package("decimal")).releases.find((r) => r.version === "2.1.1");
    if (!release) throw new Error("no 2.1.1");
    const bytes = await hex.tarball("decimal", "2.1.1", release);
    expect(Buffer.from(bytes).equals(repo.files.get("tarballs/decimal-2.1.1.tar") ?? Buffer.alloc(0))).toBe(true);
  });

  it("refuses a tarball changed after the registry recorded its checksum", async () => {
    const hex = client();
    const release = (await hex.package("decimal")).releases.find((r) => r.version === "2.1.1");
    const tampered = Buffer.from(repo.files.get("tarballs/decimal-2.1.1.tar") ?? Buffer.alloc(0));
    tampered[tampered.byteLength - 1] = 1;
    server.override("tarballs/decimal-2.1.1.tar", tampered);
    const error = await refusal(() => hex.tarball("decimal", "2.1.1", release ?? {}));
    expect(error.kind).toBe("integrity");
    expect(error.message).toContain("does not match the registry's outer checksum");
  });

  it("refuses a resource signed with another key, and does not keep it for revalidation", async () => {
    const hex = client();
    server.override("packages/decimal", repo.files.get("foreign/packages/decimal") ?? null);
    const error = await refusal(() => hex.package("decimal"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("signature does not verify with the configured HEX_REPO_PUBLIC_KEY");
    const mark = server.requests.length;
    server.override("packages/decimal", repo.files.get("packages/decimal") ?? null);
    await hex.package("decimal");
    expect(server.requestHeaders[mark]?.["if-none-match"]).toBeUndefined();
  });

  it("refuses a payload for another package", async () => {
    server.override("packages/jason", repo.files.get("packages/decimal") ?? null);
    const error = await refusal(() => client().package("jason"));
    expect(error.message).toContain(`its payload is for package "decimal", not "jason"`);
  });

  it("answers not_found for an unknown package and bad_request for an invalid name, which is never sent", async () => {
    expect((await refusal(() => client().package("nope"))).kind).toBe("not_found");
    const mark = server.requests.length;
    expect((await refusal(() => client().package("../names"))).kind).toBe("bad_request");
    expect((await refusal(() => client().tarball("decimal", "../../x", {}))).kind).toBe("bad_request");
    expect(since(mark)).toEqual([]);
  });

  it("refuses a tarball over the limit", async () => {
    const hex = client({ maxTarballBytes: 1000 });
    const release = (await hex.package("decimal")).releases.find((r) => r.version === "2.1.1");
    const error = await refusal(() => hex.tarball("decimal", "2.1.1", release ?? {}));
    expect(error.kind).toBe("too_large");
  });

  it("retries a failing repository", async () => {
    server.setFault({ kind: "status", status: 503, times: 1 });
    const mark = server.requests.length;
    await client().names();
    expect(since(mark)).toEqual(["/names", "/names"]);
  });
});

describe("a private repository", () => {
  let locked: HexFixtureServer;
  beforeAll(async () => {
    locked = await startHexFixtureServer(repo, { requireApiKey: "key-123" });
  });
  afterAll(() => locked.close());

  it("sends HEX_API_KEY as the bare authorization header", async () => {
    await client({ apiKey: "key-123" }, locked.url).package("decimal");
    expect(locked.requestHeaders.at(-1)?.authorization).toBe("key-123");
  });

  it("fails with a clear upstream error without the key", async () => {
    const error = await refusal(() => client({}, locked.url).package("decimal"));
    expect(error.kind).toBe("upstream");
    expect(error.message).toContain("refused access");
  });
});
