import { processReadiness } from "@/lib/readiness/warm-up";
import { warmUpSteps } from "@/lib/readiness/steps";
import { serverOrigin } from "@/lib/readiness/warm-up-token";

export const dynamic = "force-dynamic";

/** `?wait=1` answers once warm, or after this long with the 503 (the server's own call at start). */
const WAIT_AT_MOST_MS = 120_000;

/**
 * Readiness: 503 while the process warms what the first request would pay
 * for (the first call starts it; the server makes that call as soon as it
 * listens, with `?wait=1`), 200 after. `/healthz` stays the liveness probe.
 */
export async function GET(request: Request): Promise<Response> {
  // Under scripts/server.mjs (which says where it listens) a diff page is rendered through it too.
  const readiness = processReadiness(() => warmUpSteps({ origin: serverOrigin() }));
  if (readiness.state !== "ready" && new URL(request.url).searchParams.get("wait") === "1") {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([readiness.done, new Promise((resolve) => (timer = setTimeout(resolve, WAIT_AT_MOST_MS)))]);
    clearTimeout(timer);
  }
  const ready = readiness.state === "ready";
  const body = { state: readiness.state, ms: readiness.ms ?? null, steps: readiness.steps };
  return Response.json(body, { status: ready ? 200 : 503, headers: { "cache-control": "no-store", ...(ready ? {} : { "retry-after": "1" }) } });
}
