import { rawEndpoint } from "@/lib/browse/raw-endpoint";
import { withEcosystem } from "@/lib/endpoints/ecosystem-param";

type Context = { params: Promise<{ ecosystem: string }> };

// The path is read from the request URL itself (lib/browse/file-at.ts), not from params.
export async function GET(request: Request, { params }: Context) {
  return withEcosystem((await params).ecosystem, "text", (found) => rawEndpoint(request, found));
}

export async function HEAD(request: Request, { params }: Context) {
  return withEcosystem((await params).ecosystem, "text", (found) => rawEndpoint(request, found));
}
