import { describe, expect, it } from "vitest";
import { createPackageInfo } from "../registry/package-info";
import { releaseMeta } from "./release-meta";

const pkg = createPackageInfo({
  registry: "npm",
  name: "p",
  versions: [
    {
      version: "1.0.0",
      tarballUrl: "http://127.0.0.1:1/p-1.0.0.tgz",
      publishedAt: "2024-01-01T00:00:00.000Z",
      publisher: { npmUser: { name: "alice", trustedPublisher: { id: "github" } }, attestations: { url: "https://example.com/a" } },
    },
    { version: "1.1.0", tarballUrl: "http://127.0.0.1:1/p-1.1.0.tgz", deprecated: "use 2", publisher: { npmUser: { name: "bob" } } },
  ],
  carried: ["attestations", "npmUser"],
});

describe("releaseMeta", () => {
  it("maps a version's publisher fields and says what the registry carries for the package", () => {
    expect(releaseMeta(pkg, "1.0.0")).toEqual({
      publishedAt: "2024-01-01T00:00:00.000Z",
      npmUser: { name: "alice", trustedPublisher: { id: "github" } },
      attestations: { url: "https://example.com/a" },
      carried: ["attestations", "deprecated", "npmUser", "publishedAt", "retired", "trustedPublisher"],
    });
    expect(releaseMeta(pkg, "1.1.0")).toMatchObject({ deprecated: "use 2", npmUser: { name: "bob" } });
    expect(releaseMeta(pkg, "1.1.0")?.attestations).toBeUndefined();
  });

  it("carries nothing a registry never sent (a mirror that strips fields), and knows no unlisted version", () => {
    const bare = createPackageInfo({ registry: "npm", name: "q", versions: [{ version: "1.0.0", tarballUrl: "http://127.0.0.1:1/q.tgz" }] });
    expect(releaseMeta(bare, "1.0.0")).toEqual({ carried: ["deprecated", "retired"] });
    expect(releaseMeta(bare, "9.9.9")).toBeUndefined();
  });
});
