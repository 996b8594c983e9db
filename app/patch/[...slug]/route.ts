import { diffEndpoint } from "@/lib/service/api";

/** `/diff/<name>/<from>..<to>.patch`, rewritten here by the proxy. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return diffEndpoint(request, (await params).slug, "patch");
}
