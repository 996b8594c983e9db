import { searchEndpoint } from "@/lib/search/endpoints";

export async function GET(request: Request) {
  return searchEndpoint(request);
}
