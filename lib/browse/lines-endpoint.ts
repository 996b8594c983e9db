import "server-only";
import { PkgdiffError } from "../errors";
import { etagFor, getBuildId, IMMUTABLE, matchesEtag } from "../http/headers";
import { tagged } from "../http/surrogate-keys.mjs";
import { problemResponse } from "../http/problem";
import type { Ecosystem } from "../registry/ecosystem";
import { getService } from "../service/instance";
import { parseBrowseSegments } from "./browse-path";
import { contextFrom } from "../service/request-context";
import { fileAt, segmentsAfter } from "./file-at";
import { fileKey, renderSlice, textView, versionKey } from "./text-view";

/**
 * `/api/v1/lines/<name>/<version>/<path>?start=<line index>[&pretty=1]`:
 * the highlighted slice of a text file that holds that line, as JSON
 * `{ start, end, html }`. The file viewer fetches the slices the page left
 * out. Exact versions only (the viewer always knows them).
 */
export async function linesEndpoint(request: Request, ecosystem: Ecosystem): Promise<Response> {
  try {
    const url = new URL(request.url);
    const route = parseBrowseSegments(segmentsAfter(request, `/api/v1${ecosystem.urlPrefix}/lines/`), ecosystem);
    const start = Number(url.searchParams.get("start") ?? "0");
    if (!Number.isSafeInteger(start) || start < 0) throw new PkgdiffError("bad_request", "start must be a line index.");
    const service = getService(ecosystem.id);
    const pkg = await service.getPackage(route.name);
    if (route.version === undefined || !pkg.versions.has(route.version)) {
      throw new PkgdiffError("bad_request", "Lines are served for exact versions only.");
    }
    const version = route.version;
    const etag = etagFor(getBuildId(), "lines", service.registry.id, route.name, version, route.path, url.search);
    if (matchesEtag(request.headers.get("if-none-match"), etag)) {
      return tagged(new Response(null, { status: 304, headers: { etag, "cache-control": IMMUTABLE } }), ecosystem.id, route.name);
    }
    const file = await fileAt(ecosystem, route.name, version, route.path, contextFrom(request.headers));
    if (file.binary) throw new PkgdiffError("bad_request", `${route.path} is a binary file.`);
    const key = fileKey(versionKey(pkg.registry, route.name, version), route.path);
    const view = await textView(key, file, url.searchParams.get("pretty") === "1");
    const slice = await renderSlice(view, start);
    if (!slice) throw new PkgdiffError("path_not_found", `${route.path} has ${view.lines.length} lines; there is no line ${start + 1}.`);
    const response = new Response(JSON.stringify(slice), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        // A pretty-print that timed out gave the original lines this once: not an answer to keep.
        "cache-control": view.prettyFailed ? "no-store" : IMMUTABLE,
        etag,
        "x-content-type-options": "nosniff",
      },
    });
    return tagged(response, ecosystem.id, route.name);
  } catch (error) {
    return problemResponse(error, "json");
  }
}

