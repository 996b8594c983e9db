export const dynamic = "force-dynamic";

/** Cheap on purpose: no registry, no disk. 200 while the process can serve. */
export function GET(): Response {
  return new Response("ok\n", { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
