import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { diffEndpoint } from "@/lib/endpoints/api";

/** `/diff/<name>/<from>..<to>.patch`, rewritten here by the proxy. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return diffEndpoint(request, DEFAULT_ECOSYSTEM, (await params).slug, "patch");
}
