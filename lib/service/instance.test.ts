import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureRegistry, startFixtureRegistry } from "../../fixtures/registry";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { getService } from "./instance";

let registry: FixtureRegistry;
const saved = process.env.REGISTRY_URL;

beforeAll(async () => {
  registry = await startFixtureRegistry();
  // config() reads the environment once, on first use, which is inside getService().
  process.env.REGISTRY_URL = registry.url;
  Reflect.deleteProperty(globalThis, Symbol.for("pkgdiff.services"));
});
afterAll(async () => {
  if (saved === undefined) delete process.env.REGISTRY_URL;
  else process.env.REGISTRY_URL = saved;
  Reflect.deleteProperty(globalThis, Symbol.for("pkgdiff.services"));
  await registry.close();
});

describe("getService", () => {
  it("builds one service per ecosystem, with its adapter from the configuration, and keeps it", async () => {
    const npm = getService(npmEcosystem.id);
    expect(npm.ecosystem).toBe(npmEcosystem);
    expect(npm.registry.id).toBe("npm");
    expect(getService(npmEcosystem.id)).toBe(npm);
    const pkg = await npm.getPackage("demo-pkg");
    expect(pkg.distTags.latest).toBe("1.2.0");
    // The same instance means the same packument cache: the second lookup is not a request.
    await getService(npmEcosystem.id).getPackage("demo-pkg");
    expect(registry.requests.filter((path) => path === "/demo-pkg")).toHaveLength(1);
  });

  it("refuses an ecosystem it does not know", () => {
    expect(() => getService("nope")).toThrow(/unknown ecosystem/);
  });
});
