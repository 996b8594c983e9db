import { fileSliceEndpoint } from "@/lib/service/file-endpoint";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return fileSliceEndpoint(request, (await params).slug);
}
