import { linesEndpoint } from "@/lib/browse/lines-endpoint";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";

export async function GET(request: Request) {
  return linesEndpoint(request, DEFAULT_ECOSYSTEM);
}
