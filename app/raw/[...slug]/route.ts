import { rawEndpoint } from "@/lib/browse/raw-endpoint";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";

// The path is read from the request URL itself (lib/browse/file-at.ts), not from params.
export async function GET(request: Request) {
  return rawEndpoint(request, DEFAULT_ECOSYSTEM);
}

export async function HEAD(request: Request) {
  return rawEndpoint(request, DEFAULT_ECOSYSTEM);
}
