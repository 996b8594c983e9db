import { packageEndpoint } from "@/lib/service/api";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return packageEndpoint(request, (await params).slug);
}
