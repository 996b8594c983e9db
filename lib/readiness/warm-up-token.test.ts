import { describe, expect, it } from "vitest";
import { WARM_UP_HEADER, WARM_UP_PAGE_PATH, isWarmUpRequest, serverOrigin, warmUpPagePath, warmUpToken } from "./warm-up-token";

const withToken = (token: string) => new Headers({ [WARM_UP_HEADER]: token });

describe("the warm-up's token", () => {
  it("is this process's own, and lets through only its request for the warm-up page", () => {
    const token = warmUpToken();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(warmUpToken()).toBe(token);
    expect(isWarmUpRequest(WARM_UP_PAGE_PATH, withToken(token))).toBe(true);
  });

  it("refuses another token, none, or the token on any other path", () => {
    const token = warmUpToken();
    expect(isWarmUpRequest(WARM_UP_PAGE_PATH, new Headers())).toBe(false);
    expect(isWarmUpRequest(WARM_UP_PAGE_PATH, withToken("0".repeat(32)))).toBe(false);
    expect(isWarmUpRequest(WARM_UP_PAGE_PATH, withToken(token.slice(1)))).toBe(false);
    expect(isWarmUpRequest("/browse/demo-pkg/1.0.0", withToken(token))).toBe(false);
    expect(isWarmUpRequest(`${WARM_UP_PAGE_PATH}.patch`, withToken(token))).toBe(false);
  });

  it("names one page per ecosystem's URL prefix", () => {
    expect(warmUpPagePath("")).toBe(WARM_UP_PAGE_PATH);
    expect(warmUpPagePath("/hex")).toBe(`/hex${WARM_UP_PAGE_PATH}`);
  });

  it("knows where the server listens once scripts/server.mjs has said so", () => {
    expect(serverOrigin()).toBeUndefined();
    (globalThis as Record<symbol, unknown>)[Symbol.for("pkgdiff.serverOrigin")] = "http://127.0.0.1:3999";
    expect(serverOrigin()).toBe("http://127.0.0.1:3999");
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("pkgdiff.serverOrigin")];
  });
});
