import { describe, expect, it } from "vitest";
import { isPkgdiffError } from "../../errors";
import { createOriginPolicy } from "./origin";

const policy = createOriginPolicy("https://registry.test:8443/npm/", ["http://cdn.test"]);

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isPkgdiffError(error) ? error.kind : "not a PkgdiffError";
  }
  return undefined;
}

describe("createOriginPolicy", () => {
  it.each([
    ["the registry's origin", "https://registry.test:8443/x/-/x-1.0.0.tgz", "https://registry.test:8443/x/-/x-1.0.0.tgz"],
    ["http on the registry's host, upgraded", "http://registry.test:8443/x.tgz", "https://registry.test:8443/x.tgz"],
    ["an allowed origin", "http://cdn.test/x.tgz", "http://cdn.test/x.tgz"],
  ])("allows %s", (_label, url, expected) => {
    expect(policy.check(url, "x").href).toBe(expected);
  });

  it.each([
    ["another host", "https://evil.test/x.tgz"],
    ["another port", "https://registry.test:9999/x.tgz"],
    ["https on an http-only allowed origin", "https://cdn.test/x.tgz"],
    ["a file URL", "file:///etc/passwd"],
    ["a data URL", "data:application/octet-stream;base64,AAAA"],
  ])("refuses %s", (_label, url) => {
    expect(kindOf(() => policy.check(url, "x"))).toBe("forbidden_origin");
  });

  it("calls an unparsable URL a registry failure", () => {
    expect(kindOf(() => policy.check("not a url", "x"))).toBe("upstream");
  });

  it("lets only the registry's origin receive the token", () => {
    expect(policy.mayReceiveToken(new URL("https://registry.test:8443/x"))).toBe(true);
    expect(policy.mayReceiveToken(new URL("http://cdn.test/x"))).toBe(false);
  });
});
