import { indexEndpoint } from "@/lib/endpoints/search";

export async function GET(request: Request, { params }: { params: Promise<{ hash: string }> }) {
  return indexEndpoint(request, (await params).hash);
}
