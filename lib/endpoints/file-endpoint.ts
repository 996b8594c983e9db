import "server-only";
import { PkgdiffError } from "../errors";
import { etagFor, IMMUTABLE, matchesEtag } from "../http/headers";
import { problemResponse } from "../http/problem";
import { tagged } from "../http/surrogate-keys.mjs";
import { renderContext } from "../render/file-table";
import { renderFileTable } from "../service/rendered-files";
import { type DiffPageOptions, parseDiffOptions } from "../routes/diff-options";
import type { Ecosystem } from "../registry/ecosystem";
import { encodeName, parseDiffSegments } from "../routes/diff-path";
import type { FileDiff } from "../diff/types";
import type { DiffResult, DiffTrees } from "../service/diff-service";
import { ENGINE_VERSION } from "../service/diff-service";
import { getService } from "../service/instance";
import { contextFrom } from "../service/request-context";
import { resolveDiff } from "../service/resolve-diff";

/** Rows per lazily loaded slice: big enough to fill a screen many times, small enough to render fast. */
export const SLICE_ROWS = 1_000;

/**
 * The query string shared by a file's slice and context URLs (exact versions only).
 * The viewer appends `&start=` (slices) or `&o=&n=&c=` (context).
 */
export function fileApiUrl(
  kind: "file" | "context",
  name: string,
  from: string,
  to: string,
  path: string,
  options: DiffPageOptions,
  ecosystemPrefix = "",
): string {
  const params = new URLSearchParams({ path });
  if (options.view === "split") params.set("view", "split");
  if (options.ignoreWhitespace) params.set("w", "1");
  return `/api/v1${ecosystemPrefix}/${kind}/${encodeName(name)}/${encodeURIComponent(from)}..${encodeURIComponent(to)}?${params.toString()}`;
}

interface FileRequest {
  url: URL;
  options: DiffPageOptions;
  diff: DiffResult;
  file: FileDiff;
  trees: DiffTrees;
}

/**
 * Shared by the slice and context endpoints: parse, resolve (exact versions
 * only: the viewer always knows them), answer a matching If-None-Match, then
 * find the file in the (cached) diff.
 */
async function handleFileRequest(
  request: Request,
  ecosystem: Ecosystem,
  segments: string[],
  kind: string,
  render: (req: FileRequest) => Promise<unknown>,
): Promise<Response> {
  try {
    const url = new URL(request.url);
    const route = parseDiffSegments(segments, ecosystem);
    if (route.kind !== "range" || route.format !== "html") throw new PkgdiffError("bad_request", "Give two versions: <from>..<to>.");
    const path = url.searchParams.get("path");
    if (!path) throw new PkgdiffError("bad_request", "The path parameter is missing.");
    const options = parseDiffOptions(url.searchParams);
    const service = getService(ecosystem.id);
    const resolved = await resolveDiff(service, route, options);
    if (resolved.type === "redirect") throw new PkgdiffError("bad_request", "Only exact versions are served here.");
    const etag = etagFor(String(ENGINE_VERSION), kind, ecosystem.id, resolved.name, resolved.from, resolved.to, url.search);
    if (matchesEtag(request.headers.get("if-none-match"), etag)) {
      return tagged(new Response(null, { status: 304, headers: { etag, "cache-control": IMMUTABLE } }), ecosystem.id, resolved.name);
    }
    const diff = await service.getDiff(resolved.name, resolved.from, resolved.to, options, contextFrom(request.headers, request.signal));
    const file = diff.files.find((f) => f.path === path);
    if (!file) throw new PkgdiffError("path_not_found", `${path} did not change between these versions.`);
    const body = await render({ url, options, diff, file, trees: await diff.trees() });
    const response = new Response(JSON.stringify(body), {
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": IMMUTABLE, etag },
    });
    return tagged(response, ecosystem.id, resolved.name);
  } catch (error) {
    return problemResponse(error, "json");
  }
}

function intParam(url: URL, name: string, fallback?: number): number {
  const raw = url.searchParams.get(name);
  const value = raw === null ? fallback : Number(raw);
  if (value === undefined || !Number.isSafeInteger(value) || value < 0) {
    throw new PkgdiffError("bad_request", `${name} must be a non-negative integer.`);
  }
  return value;
}

/**
 * `/api/v1/file/<name>/<from>..<to>?path=<path>&start=<row>`: one slice of
 * one file's rendered diff, for the rows and files the page left as placeholders.
 */
export function fileSliceEndpoint(request: Request, ecosystem: Ecosystem, segments: string[]): Promise<Response> {
  return handleFileRequest(request, ecosystem, segments, "slice", ({ url, options, diff, file, trees }) =>
    renderFileTable(diff.key, file, trees.old, trees.new, {
      start: intParam(url, "start", 0),
      count: SLICE_ROWS,
      view: options.view,
    }),
  );
}

/**
 * `/api/v1/context/<name>/<from>..<to>?path=<path>&o=<old line>&n=<new line>&c=<count>`:
 * unchanged lines the hunks left out, as rendered context rows ("show more").
 */
export function contextEndpoint(request: Request, ecosystem: Ecosystem, segments: string[]): Promise<Response> {
  return handleFileRequest(request, ecosystem, segments, "context", async ({ url, options, file, trees }) => ({
    html: await renderContext(file, trees.old, trees.new, {
      oldStart: intParam(url, "o"),
      newStart: intParam(url, "n"),
      count: intParam(url, "c"),
      view: options.view,
    }),
  }));
}
