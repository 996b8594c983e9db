import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { packageEndpoint } from "@/lib/endpoints/api";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return packageEndpoint(request, DEFAULT_ECOSYSTEM, (await params).slug);
}
