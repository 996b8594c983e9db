import { markUncacheable } from "@/lib/http/response-scope";

/**
 * Next calls this for every error while rendering or handling a request. A
 * page that failed part-way has already sent `200` and its immutable
 * headers, so at least the server's response cache must not keep it.
 */
export function onRequestError(): void {
  markUncacheable();
}
