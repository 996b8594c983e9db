import { peerTarballEndpoint } from "@/lib/endpoints/peer-tarball";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  return peerTarballEndpoint(request, (await params).key);
}
