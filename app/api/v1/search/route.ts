import { searchEndpoint } from "@/lib/endpoints/search";

export async function GET(request: Request) {
  return searchEndpoint(request);
}
