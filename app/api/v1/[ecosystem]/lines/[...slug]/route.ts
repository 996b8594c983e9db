import { linesEndpoint } from "@/lib/browse/lines-endpoint";
import { withEcosystem } from "@/lib/endpoints/ecosystem-param";

export async function GET(request: Request, { params }: { params: Promise<{ ecosystem: string }> }) {
  return withEcosystem((await params).ecosystem, "json", (found) => linesEndpoint(request, found));
}
