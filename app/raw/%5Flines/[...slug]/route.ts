import { linesEndpoint } from "@/lib/browse/lines-endpoint";

// `/raw/_lines/...` (the folder name is `_lines` escaped, as Next wants for a leading underscore).
export async function GET(request: Request) {
  return linesEndpoint(request);
}
