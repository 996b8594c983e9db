import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureRegistry, startFixtureRegistry } from "../../../fixtures/registry";
import { createRegistrySearch, parseSearchAnswer } from "./registry-search";

let registry: FixtureRegistry;
let noSearch: FixtureRegistry;

beforeAll(async () => {
  [registry, noSearch] = await Promise.all([startFixtureRegistry(), startFixtureRegistry({ search: false })]);
});
afterAll(async () => {
  await Promise.all([registry.close(), noSearch.close()]);
});

describe("createRegistrySearch", () => {
  it("reshapes the registry's answer", async () => {
    const search = createRegistrySearch({ registryUrl: registry.url });
    const answer = await search("demo", 5);
    expect(answer.status).toBe("ok");
    expect(answer.results[0]).toMatchObject({ name: "demo-pkg", version: "1.2.0" });
  });

  it("sends the token to a private registry", async () => {
    const privateRegistry = await startFixtureRegistry({ requireToken: "s3cret" });
    try {
      expect((await createRegistrySearch({ registryUrl: privateRegistry.url, token: "s3cret" })("demo", 5)).status).toBe("ok");
      expect((await createRegistrySearch({ registryUrl: privateRegistry.url })("demo", 5)).status).toBe("failed");
    } finally {
      await privateRegistry.close();
    }
  });

  it("reports a registry without search as unsupported, and stops asking it", async () => {
    const search = createRegistrySearch({ registryUrl: noSearch.url });
    expect(await search("demo", 5)).toEqual({ status: "unsupported", results: [] });
    const asked = noSearch.requests.length;
    expect((await search("other", 5)).status).toBe("unsupported");
    expect(noSearch.requests.length).toBe(asked);
  });

  it("reports a registry that is down as failed, never throws", async () => {
    const down = createRegistrySearch({ registryUrl: "http://127.0.0.1:9/", timeoutMs: 1_000 });
    expect(await down("demo", 5)).toEqual({ status: "failed", results: [] });
  });
});

describe("parseSearchAnswer", () => {
  it("drops entries without a valid name or version", () => {
    expect(
      parseSearchAnswer({
        objects: [
          { package: { name: "ok", version: "1.0.0", description: "" } },
          { package: { name: "bad name", version: "1.0.0" } },
          { package: { name: "no-version" } },
          "junk",
        ],
      }),
    ).toEqual([{ name: "ok", version: "1.0.0" }]);
    expect(parseSearchAnswer(null)).toEqual([]);
  });
});
