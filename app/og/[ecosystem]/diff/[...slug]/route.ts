import { withEcosystem } from "@/lib/endpoints/ecosystem-param";
import { cardEndpoint } from "@/lib/previews/card-endpoint";
import { renderCard } from "../../../render-card";

/** `/og/hex/diff/<name>/<from>..<to>.png` and any other prefixed ecosystem's cards. */
export async function GET(request: Request, { params }: { params: Promise<{ ecosystem: string; slug: string[] }> }) {
  const { ecosystem, slug } = await params;
  return withEcosystem(ecosystem, "text", (found) => cardEndpoint(request, found, slug, renderCard));
}
