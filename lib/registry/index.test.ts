import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureRegistry, startFixtureRegistry } from "../../fixtures/registry";
import { getRegistry } from "./index";

let registry: FixtureRegistry;
const saved = process.env.REGISTRY_URL;

beforeAll(async () => {
  registry = await startFixtureRegistry();
  // config() reads the environment once, on first use, which is inside getRegistry().
  process.env.REGISTRY_URL = registry.url;
  Reflect.deleteProperty(globalThis, Symbol.for("pkgdiff.npmRegistry"));
});
afterAll(async () => {
  if (saved === undefined) delete process.env.REGISTRY_URL;
  else process.env.REGISTRY_URL = saved;
  Reflect.deleteProperty(globalThis, Symbol.for("pkgdiff.npmRegistry"));
  await registry.close();
});

describe("getRegistry", () => {
  it("builds one npm adapter from the configuration and keeps it", async () => {
    const npm = getRegistry();
    expect(npm.id).toBe("npm");
    expect(getRegistry()).toBe(npm);
    const pkg = await npm.getPackage("demo-pkg");
    expect(pkg.distTags.latest).toBe("1.2.0");
    // The same instance means the same packument cache: the second lookup is not a request.
    await getRegistry().getPackage("demo-pkg");
    expect(registry.requests.filter((path) => path === "/demo-pkg")).toHaveLength(1);
  });
});
