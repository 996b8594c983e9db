import "server-only";
import { PkgdiffError } from "../errors";
import { etagFor, IMMUTABLE, matchesEtag } from "../http/headers";
import { problemResponse } from "../http/problem";
import { renderFileTable } from "../render/file-table";
import { type DiffPageOptions, parseDiffOptions } from "../routes/diff-options";
import { encodeName, parseDiffSegments } from "../routes/diff-path";
import { ENGINE_VERSION } from "./diff-service";
import { getService } from "./instance";
import { resolveDiffRoute } from "./resolve-diff";

/** Rows per lazily loaded slice: big enough to fill a screen many times, small enough to render fast. */
export const SLICE_ROWS = 1_000;

/** The URL the viewer fetches slices of one file's diff from (exact versions only). */
export function fileSliceUrl(name: string, from: string, to: string, path: string, options: DiffPageOptions): string {
  const params = new URLSearchParams({ path });
  if (options.view === "split") params.set("view", "split");
  if (options.ignoreWhitespace) params.set("w", "1");
  return `/api/v1/file/${encodeName(name)}/${encodeURIComponent(from)}..${encodeURIComponent(to)}?${params.toString()}`;
}

/**
 * `/api/v1/file/<name>/<from>..<to>?path=<path>&start=<row>`: one slice of
 * one file's rendered diff, for the rows and files the page left as
 * placeholders. Canonical (exact) versions only: the viewer always knows them.
 */
export async function fileSliceEndpoint(request: Request, segments: string[]): Promise<Response> {
  try {
    const url = new URL(request.url);
    const route = parseDiffSegments(segments);
    if (route.kind !== "range" || route.format !== "html") throw new PkgdiffError("bad_request", "Give two versions: <from>..<to>.");
    const path = url.searchParams.get("path");
    if (!path) throw new PkgdiffError("bad_request", "The path parameter is missing.");
    const start = Number(url.searchParams.get("start") ?? "0");
    if (!Number.isSafeInteger(start) || start < 0) throw new PkgdiffError("bad_request", "start must be a row number.");
    const options = parseDiffOptions(url.searchParams);
    const service = getService();
    const resolved = await resolveDiffRoute(service.registry, route);
    if (resolved.type === "redirect") throw new PkgdiffError("bad_request", "Slices are served for exact versions only.");

    const etag = etagFor(String(ENGINE_VERSION), "slice", resolved.name, resolved.from, resolved.to, url.search);
    if (matchesEtag(request.headers.get("if-none-match"), etag)) {
      return new Response(null, { status: 304, headers: { etag, "cache-control": IMMUTABLE } });
    }
    const diff = await service.getDiff(resolved.name, resolved.from, resolved.to, options);
    const file = diff.files.find((f) => f.path === path);
    if (!file) throw new PkgdiffError("path_not_found", `${path} did not change between these versions.`);
    const slice = await renderFileTable(diff.key, file, diff.oldTree, diff.newTree, { start, count: SLICE_ROWS, view: options.view });
    return new Response(JSON.stringify(slice), {
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": IMMUTABLE, etag },
    });
  } catch (error) {
    return problemResponse(error, "json");
  }
}
