import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { diffEndpoint } from "../endpoints/api";
import { decodeProblem, PROBLEM_HEADER } from "../http/problem";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { getSharedState } from "../service/instance";
import { getRequest, withAppEnv } from "../testing/app-env";

// One process, no Redis: READ_ONLY=1 at start; the test flips the in-process flag as the script flips Redis's.
process.env.READ_ONLY = "1";
withAppEnv();

const page = (path: string) => proxy(new NextRequest(`http://localhost${path}`));
const json = (range: string) => diffEndpoint(getRequest(`/api/v1/diff/demo-pkg/${range}`), npmEcosystem, ["demo-pkg", range], "json");
const problemOf = (response: Response) => decodeProblem(response.headers.get(`x-middleware-request-${PROBLEM_HEADER}`));

describe("read-only mode, as a user sees it", () => {
  it("answers a new diff with a 503 maintenance page and JSON error that say when to retry; cached diffs still open", async () => {
    const refused = await page("/diff/demo-pkg/1.0.0..1.1.0");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("300");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(problemOf(refused)).toMatchObject({ kind: "read_only", message: expect.stringContaining("maintenance") });
    const api = await json("1.0.0..1.1.0");
    expect(api.status).toBe(503);
    expect(((await api.json()) as { error: { kind: string } }).error.kind).toBe("read_only");
    expect((await page("/browse/demo-pkg/1.2.0")).status).toBe(503); // a new tarball

    await getSharedState().readOnly.set(false);
    expect((await page("/diff/demo-pkg/1.0.0..1.1.0")).status).toBe(200);
    await getSharedState().readOnly.set(true);
    expect((await page("/diff/demo-pkg/1.0.0..1.1.0")).status).toBe(200); // cached: served
    expect((await json("1.0.0..1.1.0")).status).toBe(200);
    expect((await page("/diff/demo-pkg/1.1.0..1.2.0")).status).toBe(503);
  });
});
