import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { fileSliceEndpoint } from "@/lib/endpoints/file-endpoint";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return fileSliceEndpoint(request, DEFAULT_ECOSYSTEM, (await params).slug);
}
