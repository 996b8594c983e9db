import { indexEndpoint } from "@/lib/search/endpoints";

export async function GET(request: Request, { params }: { params: Promise<{ hash: string }> }) {
  return indexEndpoint(request, (await params).hash);
}
