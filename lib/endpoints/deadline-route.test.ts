import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { Gate } from "../../fixtures/gate";
import { proxy } from "../../proxy";
import { decodeProblem, PROBLEM_HEADER } from "../http/problem";
import { withAppEnv } from "../testing/app-env";
import { readStreamUntil } from "../testing/read-stream";

// Read on the first getService(). One second, longer than the progress page's 500 ms, so a
// registry that never answers shows both: the 504 before the page started, and in place after.
process.env.REGISTRY_DEADLINE_MS = "1000";
process.env.RATE_LIMIT_MISSES = "0";
const registry = withAppEnv();

const call = (path: string) => proxy(new NextRequest(`http://localhost${path}`, { headers: { accept: "text/html" } }));

describe("one deadline per request against a registry that never answers", () => {
  it("answers 504 naming the package when its metadata never comes", async () => {
    const gate = new Gate();
    registry().setFault({ kind: "hold", gate, only: "packument" });
    const response = await call("/diff/demo-pkg/1.0.0..1.1.0");
    expect(response.status).toBe(504);
    const problem = decodeProblem(response.headers.get(`x-middleware-request-${PROBLEM_HEADER}`));
    expect(problem?.message).toMatch(/^The registry did not answer within 1 s for demo-pkg \(REGISTRY_DEADLINE_MS\)$/);
    gate.open();
  });

  it("shows the 504 in place, naming the tarball, when it passes after the progress page started", async () => {
    const gate = new Gate();
    registry().setFault({ kind: "hold", gate, only: "tarball" });
    const response = await call("/diff/demo-pkg/1.1.0..1.2.0");
    expect(response.status).toBe(200);
    const page = await readStreamUntil(response.body!.getReader(), () => false);
    expect(page).toContain("fetching demo-pkg@1.2.0…");
    expect(page).toMatch(/The diff could not be prepared \(504\)\.<\/strong> The registry did not answer within 1 s for the tarball of demo-pkg@1\.[12]\.0 \(REGISTRY_DEADLINE_MS\)/);
    expect(page).toContain("already started with status 200");
    expect(page).not.toContain("http-equiv");
    gate.open();
  });
});
