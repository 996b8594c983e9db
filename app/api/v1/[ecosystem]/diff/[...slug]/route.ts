import { withEcosystem } from "@/lib/endpoints/ecosystem-param";
import { diffEndpoint } from "@/lib/endpoints/api";

export async function GET(request: Request, { params }: { params: Promise<{ ecosystem: string; slug: string[] }> }) {
  const { ecosystem, slug } = await params;
  return withEcosystem(ecosystem, "json", (found) => diffEndpoint(request, found, slug, "json"));
}
