import { withEcosystem } from "@/lib/endpoints/ecosystem-param";
import { diffEndpoint } from "@/lib/endpoints/api";

/** `/<ecosystem>/diff/<name>/<from>..<to>.patch`, rewritten here by the proxy. */
export async function GET(request: Request, { params }: { params: Promise<{ ecosystem: string; slug: string[] }> }) {
  const { ecosystem, slug } = await params;
  return withEcosystem(ecosystem, "text", (found) => diffEndpoint(request, found, slug, "patch"));
}
