import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./security";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("lets README images load from https hosts, never plain http", () => {
    const img = directive(contentSecurityPolicy("n0nce"), "img-src")?.split(" ") ?? [];
    expect(img).toContain("https:");
    expect(img).toContain("'self'");
    expect(img).not.toContain("http:");
    expect(img).not.toContain("*");
  });

  it("still runs only the page's own, nonced scripts", () => {
    const csp = contentSecurityPolicy("n0nce");
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'none'");
  });
});
