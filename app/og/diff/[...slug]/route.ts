import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { cardEndpoint } from "@/lib/previews/card-endpoint";
import { renderCard } from "../../render-card";

/** `/og/diff/<name>/<from>..<to>.png`: the diff's link-preview card. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  return cardEndpoint(request, DEFAULT_ECOSYSTEM, (await params).slug, renderCard);
}
