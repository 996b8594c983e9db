import { getSharedState } from "@/lib/service/instance";

export const dynamic = "force-dynamic";

const HEADERS = { "cache-control": "no-store" };

/**
 * Cheap on purpose: no registry, no disk. 200 while the process can serve.
 * `?deep=1` also says whether Redis answers ({"redis":"ok"|"down"|"off"}),
 * still 200 when it does not: the replica serves on from its own caches.
 */
export async function GET(request: Request): Promise<Response> {
  if (new URL(request.url).searchParams.get("deep") !== "1") {
    return new Response("ok\n", { headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8" } });
  }
  return Response.json({ redis: await getSharedState().health() }, { headers: HEADERS });
}
