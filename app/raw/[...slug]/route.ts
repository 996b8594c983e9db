import { rawEndpoint } from "@/lib/browse/raw-endpoint";

// The path is read from the request URL itself (lib/browse/file-at.ts), not from params.
export async function GET(request: Request) {
  return rawEndpoint(request);
}

export async function HEAD(request: Request) {
  return rawEndpoint(request);
}
