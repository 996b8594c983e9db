import { contextEndpoint } from "@/lib/service/file-endpoint";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return contextEndpoint(request, (await params).slug);
}
