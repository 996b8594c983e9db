import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { Gate } from "../../fixtures/gate";
import { proxy } from "../../proxy";
import { withAppEnv } from "../testing/app-env";
import { settlesWithin } from "./progress-page";

/** The default of PROGRESS_AFTER_MS. */
const PROGRESS_AFTER_MS = 500;
import { readStreamUntil } from "../testing/read-stream";

// Every test here is the same client: the miss limit has its own tests (proxy.test.ts).
process.env.RATE_LIMIT_MISSES = "0";
const registry = withAppEnv();

/** As a browser opening the page asks (the progress page is only for those). */
const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const call = (path: string, headers: Record<string, string> = BROWSER) => proxy(new NextRequest(`http://localhost${path}`, { headers }));

function holdTarballs(): Gate {
  const gate = new Gate();
  registry().setFault({ kind: "hold", gate, only: "tarball" });
  return gate;
}

describe("settlesWithin", () => {
  it("tells work that settles within the time from work still running then, and rethrows a failure", async () => {
    vi.useFakeTimers();
    try {
      const running = settlesWithin(new Promise(() => undefined), PROGRESS_AFTER_MS);
      await vi.advanceTimersByTimeAsync(PROGRESS_AFTER_MS);
      expect(await running).toBe(false);
      expect(await settlesWithin(Promise.resolve(), PROGRESS_AFTER_MS)).toBe(true);
      await expect(settlesWithin(Promise.reject(new Error("failed early")), PROGRESS_AFTER_MS)).rejects.toThrow("failed early");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the diff page's progress page", () => {
  it("streams status lines while an uncached diff is prepared, then refreshes into the cached diff", async () => {
    const gate = holdTarballs();
    const response = await call("/diff/demo-pkg/1.0.0..1.1.0");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("x-pkgdiff-cache")).toBe("miss");
    const reader = response.body!.getReader();
    let page = await readStreamUntil(reader, (text) => text.includes("fetching demo-pkg@1.0.0…") && text.includes("fetching demo-pkg@1.1.0…"));
    expect(page).toContain("<h1>Preparing the diff of demo-pkg 1.0.0..1.1.0</h1>");
    expect(page).not.toContain("http-equiv");
    gate.open();
    page += await readStreamUntil(reader, () => false);
    expect(page).toMatch(/<li>unpacking demo-pkg@1\.0\.0 \([^)]+\)…<\/li>/);
    expect(page).toMatch(/<li>diffing \d+ files…<\/li>/);
    expect(page).toContain('<meta http-equiv="refresh" content="0">');
    expect(page).not.toContain("<script");

    // The reload finds the diff cached: the page itself, immutable, as always.
    const again = await call("/diff/demo-pkg/1.0.0..1.1.0");
    expect(again.headers.get("x-middleware-next")).toBe("1");
    expect(again.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  // Each fetches one tarball the first test did not (its other side is cached by then).
  it.each([
    { who: "a client navigation (RSC)", path: "/diff/demo-pkg/1.0.0..1.2.0", headers: { ...BROWSER, rsc: "1" } },
    { who: "a script (no HTML in its Accept)", path: "/diff/demo-pkg/1.1.0..1.2.0-beta.1", headers: { accept: "*/*" } },
  ])("makes $who wait for the page itself, with its real status, however long the diff takes", async ({ path, headers }) => {
    const gate = holdTarballs();
    const pending = call(path, headers);
    await gate.arrived();
    gate.open();
    const response = await pending;
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("stops the work when the reader of the progress page goes away: the registry sees its connections closed", async () => {
    const gate = holdTarballs();
    const abandonedBefore = registry().abandoned.arrivals;
    const response = await call("/diff/demo-pkg/1.2.0..2.0.0-rc.1"); // 2.0.0-rc.1's tarball: no test fetched it
    const reader = response.body!.getReader();
    await readStreamUntil(reader, (text) => text.includes("fetching"));
    await gate.arrived();
    await reader.cancel();
    await registry().abandoned.arrived(abandonedBefore + 1);
    gate.open();
  });
});
