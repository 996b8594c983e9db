import { describe, expect, it } from "vitest";
import { getRequest, withAppEnv } from "../../lib/testing/app-env";
import { GET } from "./route";

withAppEnv();

describe("GET /readyz", () => {
  it("with ?wait=1 answers 200 once the warm-up ran every step, and stays 200", async () => {
    const response = await GET(getRequest("/readyz?wait=1"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { state: string; ms: number; steps: { name: string; ms: number; error?: string }[] };
    expect(body.state).toBe("ready");
    expect(body.steps.map((s) => s.name)).toEqual(["workers: diff and render a synthetic pair", "review rules", "highlighter on the main thread", "search index"]);
    // The synthetic pair exercises the real engine: no step failed.
    expect(body.steps.filter((s) => s.error)).toEqual([]);
    expect(body.ms).toBeGreaterThanOrEqual(0);
    expect((await GET(getRequest("/readyz"))).status).toBe(200);
  });
});
