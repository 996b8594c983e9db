import { linesEndpoint } from "@/lib/browse/lines-endpoint";

export async function GET(request: Request) {
  return linesEndpoint(request);
}
