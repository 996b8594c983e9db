import { withEcosystem } from "@/lib/endpoints/ecosystem-param";
import { contextEndpoint } from "@/lib/endpoints/file-endpoint";

export async function GET(request: Request, { params }: { params: Promise<{ ecosystem: string; slug: string[] }> }) {
  const { ecosystem, slug } = await params;
  return withEcosystem(ecosystem, "json", (found) => contextEndpoint(request, found, slug));
}
