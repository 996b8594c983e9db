import "server-only";
import { problemResponse } from "../http/problem";
import type { Ecosystem } from "../registry/ecosystem";
import { ecosystemFromSegment } from "../registry/ecosystems";

/**
 * Runs a route handler for the ecosystem a dynamic `[ecosystem]` segment
 * names; an unknown one is a 404 in the handler's error format.
 *
 * @example
 * withEcosystem("hex", "json", (hex) => packageEndpoint(request, hex, slug));
 */
export async function withEcosystem(segment: string, errorFormat: "json" | "text", handle: (ecosystem: Ecosystem) => Promise<Response>): Promise<Response> {
  let ecosystem: Ecosystem;
  try {
    ecosystem = ecosystemFromSegment(segment);
  } catch (error) {
    return problemResponse(error, errorFormat);
  }
  return handle(ecosystem);
}
