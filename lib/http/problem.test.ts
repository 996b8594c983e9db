import { describe, expect, it } from "vitest";
import { PkgdiffError } from "../errors";
import { decodeProblem, encodeProblem, toProblem } from "./problem";

describe("problems", () => {
  it("carry kind, status, nearest versions and the page family through the proxy header", () => {
    const problem = {
      ...toProblem(new PkgdiffError("version_not_found", "no 9.9.9", { packageName: "demo-pkg", nearest: ["1.2.0"] })),
      family: "browse" as const,
    };
    expect(problem.status).toBe(404);
    expect(decodeProblem(encodeProblem(problem))).toEqual({
      status: 404,
      kind: "version_not_found",
      message: "no 9.9.9",
      packageName: "demo-pkg",
      nearest: ["1.2.0"],
      family: "browse",
    });
  });

  it("carry Retry-After seconds of 429 and 503 to the page", () => {
    const limited = toProblem(new PkgdiffError("rate_limited", "slow down", { retryAfter: 12 }));
    expect(limited.status).toBe(429);
    expect(decodeProblem(encodeProblem(limited))).toMatchObject({ status: 429, kind: "rate_limited", retryAfter: 12 });
    const busy = toProblem(new PkgdiffError("overloaded", "busy", { retryAfter: 5 }));
    expect(decodeProblem(encodeProblem(busy))).toMatchObject({ status: 503, retryAfter: 5 });
  });

  it("never show internals of unknown errors", () => {
    const problem = toProblem(new Error("ENOENT: /work/main/secret"));
    expect(problem).toEqual({ status: 500, kind: "internal", message: "Something went wrong on our side. Please try again." });
  });

  it("read a malformed header as no problem", () => {
    expect(decodeProblem("%E0%A4%A")).toBeUndefined();
    expect(decodeProblem(encodeURIComponent('{"status":"x"}'))).toBeUndefined();
    expect(decodeProblem(null)).toBeUndefined();
  });
});
