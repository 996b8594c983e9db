import "server-only";
import { PkgdiffError } from "../errors";
import { etagFor, IMMUTABLE, matchesEtag, SHORT_LIVED } from "../http/headers";
import { problemResponse } from "../http/problem";
import { SURROGATE_KEY_HEADER, surrogateKeys, tagged } from "../http/surrogate-keys.mjs";
import { parseDiffOptions } from "../routes/diff-options";
import type { Ecosystem } from "../registry/ecosystem";
import { parseDiffSegments, splitNameSegments } from "../routes/diff-path";
import type { DiffResult } from "../service/diff-service";
import { ENGINE_VERSION, patchOptionsOf } from "../service/diff-service";
import { REVIEW_VERSION } from "../review/types";
import { getService } from "../service/instance";
import { contextFrom, markCache } from "../service/request-context";
import { resolveDiffRoute } from "../service/resolve-diff";
import { getEnginePool } from "../workers/pool";
import { jsonBody } from "./json-stream";
import { patchBody } from "./patch-stream";

/** JSON body of `/api/v1/diff/...`: what changed, without the hunks, and the review summary. */
export function diffSummary(diff: DiffResult) {
  return {
    ...diffFiles(diff),
    summary: diff.summary ?? null,
  };
}

/** JSON body of `/api/v1/review/...`: the review summary alone (null where the ecosystem has none). */
function reviewBody(diff: DiffResult) {
  return { name: diff.name, from: diff.from, to: diff.to, summary: diff.summary ?? null };
}

function diffFiles(diff: DiffResult) {
  return {
    name: diff.name,
    from: diff.from,
    to: diff.to,
    ignoreWhitespace: diff.options.ignoreWhitespace,
    totals: diff.totals,
    files: diff.files.map((f) => ({
      path: f.path,
      ...(f.oldPath ? { oldPath: f.oldPath } : {}),
      status: f.status,
      binary: f.binary,
      additions: f.additions,
      deletions: f.deletions,
      oldSize: f.oldSize,
      newSize: f.newSize,
      ...(f.oldMode !== undefined ? { oldMode: f.oldMode.toString(8) } : {}),
      ...(f.newMode !== undefined ? { newMode: f.newMode.toString(8) } : {}),
      ...(f.skipped ? { skipped: f.skipped } : {}),
      ...(f.collapsed ? { collapsed: f.collapsed } : {}),
    })),
  };
}

type Format = "json" | "review" | "patch";

/**
 * Shared by the JSON diff endpoint, the review endpoint and the patch
 * endpoint: parse, resolve (307 to the canonical URL), honour
 * If-None-Match, then compute.
 */
export async function diffEndpoint(request: Request, ecosystem: Ecosystem, segments: string[], format: Format): Promise<Response> {
  const errorFormat = format === "patch" ? "text" : "json";
  try {
    const url = new URL(request.url);
    const route = parseDiffSegments(segments, ecosystem);
    if (route.kind === "versions") throw new PkgdiffError("bad_request", "Give two versions: <from>..<to>.");
    if ((route.format === "patch") !== (format === "patch")) throw new PkgdiffError("bad_request", "Unexpected .patch suffix.");
    const options = parseDiffOptions(url.searchParams);
    const service = getService(ecosystem.id);
    const resolved = await resolveDiffRoute(service, route, url.search);
    if (resolved.type === "redirect") {
      // The page's location with the prefix moved after /api/v1 (`/hex/diff/…` → `/api/v1/hex/diff/…`).
      const location =
        format === "json"
          ? `/api/v1${resolved.location}`
          : format === "review"
            ? `/api/v1${resolved.location.replace("/diff/", "/review/")}`
            : resolved.location;
      return tagged(new Response(null, { status: 307, headers: { location, "cache-control": SHORT_LIVED } }), ecosystem.id, route.name);
    }
    const etag = etagFor(`${ENGINE_VERSION}.${REVIEW_VERSION}`, format, ecosystem.id, resolved.name, resolved.from, resolved.to, url.search);
    if (matchesEtag(request.headers.get("if-none-match"), etag)) {
      return tagged(new Response(null, { status: 304, headers: { etag, "cache-control": IMMUTABLE } }), ecosystem.id, resolved.name);
    }
    const context = contextFrom(request.headers, request.signal);
    const { diff, sections } =
      format === "patch"
        ? await service.getPatchDiff(resolved.name, resolved.from, resolved.to, options, context)
        : { diff: await service.getDiff(resolved.name, resolved.from, resolved.to, options, context), sections: undefined };
    const headers = new Headers({ etag, "cache-control": IMMUTABLE });
    markCache(headers, context);
    headers.set(SURROGATE_KEY_HEADER, surrogateKeys(ecosystem.id, resolved.name));
    if (format !== "patch") {
      headers.set("content-type", "application/json; charset=utf-8");
      // A huge diff's file list streams out in chunks (the same JSON as one stringify).
      return new Response(format === "json" ? jsonBody(diffSummary(diff), "files") : JSON.stringify(reviewBody(diff)), { headers });
    }
    headers.set("content-type", "text/x-diff; charset=utf-8");
    // The sections the diff's workers wrote stream as they are, the rest is serialized in the pool batch by batch (small ones here), in order; the ETag above needs no body.
    const body = patchBody(getEnginePool(), { files: diff.files, sides: await diff.trees(), options: patchOptionsOf(options), sections });
    return new Response(body, { headers });
  } catch (error) {
    return problemResponse(error, errorFormat);
  }
}

/** `/api/v1/packages/<name>`: versions (newest first) with publish time and deprecation, and dist-tags. */
export async function packageEndpoint(request: Request, ecosystem: Ecosystem, segments: string[]): Promise<Response> {
  try {
    const { name, rest } = splitNameSegments(segments, ecosystem);
    if (rest.length > 0) throw new PkgdiffError("bad_request", "Unexpected path after the package name.");
    const pkg = await getService(ecosystem.id).getPackage(name);
    const body = {
      name: pkg.name,
      distTags: pkg.distTags,
      versions: pkg.sortedVersions.map((version) => {
        const meta = pkg.versions.get(version);
        return { version, publishedAt: meta?.publishedAt ?? null, deprecated: meta?.deprecated ?? false, ...(meta?.retired ? { retired: meta.retired } : {}) };
      }),
    };
    const response = new Response(JSON.stringify(body), {
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": SHORT_LIVED },
    });
    return tagged(response, ecosystem.id, name);
  } catch (error) {
    return problemResponse(
      error instanceof URIError ? new PkgdiffError("bad_request", "The URL is not validly percent-encoded.") : error,
      "json",
    );
  }
}
