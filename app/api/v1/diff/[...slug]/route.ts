import { diffEndpoint } from "@/lib/service/api";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return diffEndpoint(request, (await params).slug, "json");
}
