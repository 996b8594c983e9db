import "server-only";
import { PkgdiffError } from "../errors";
import { etagFor, IMMUTABLE, matchesEtag, SHORT_LIVED } from "../http/headers";
import { problemResponse } from "../http/problem";
import { tagged } from "../http/surrogate-keys.mjs";
import type { Ecosystem } from "../registry/ecosystem";
import { getService } from "../service/instance";
import { contextFrom } from "../service/request-context";
import { parseBrowseSegments, rawPath } from "./browse-path";
import { fileAt, segmentsAfter } from "./file-at";
import { rawContentType } from "./file-kind";
import { asksForImage, isSvgPath } from "./markdown/urls";
import { resolveBrowse } from "./resolve-browse";

/**
 * Headers that keep a raw file inert whatever it holds: no sniffing a
 * `text/plain` file into HTML, and a sandbox (no scripts, no same origin)
 * should a browser render it anyway.
 */
const SAFE_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "sandbox",
} as const;

/**
 * An SVG picture asked for as an image (`?as=image`, how a README's `<img>`
 * asks for it): `image/svg+xml`, so a README's logo shows, but nothing in it
 * can act — no script, no outside load, a sandbox — and a browser that
 * opens the URL itself downloads the file instead of showing it
 * (`Content-Disposition: attachment`; images ignore it).
 */
const SVG_IMAGE_HEADERS = {
  "content-type": "image/svg+xml",
  "content-disposition": "attachment",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
} as const;

/** Only text that starts (after an optional XML prolog and comments) with an `<svg` element is served as one. */
function isSvgImage(path: string, file: { bytes: Uint8Array; binary: boolean }): boolean {
  if (file.binary || !isSvgPath(path)) return false;
  const head = new TextDecoder().decode(file.bytes.subarray(0, 4096));
  return /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head);
}

function redirect(location: string): Response {
  return new Response(null, { status: 307, headers: { location, "cache-control": SHORT_LIVED, ...SAFE_HEADERS } });
}

/**
 * `/raw/<name>/<version>/<path>`: the file's bytes, never active content:
 * text as `text/plain; charset=utf-8`, PNG/JPEG/GIF/WebP as themselves,
 * anything else as `application/octet-stream`, always with `nosniff` and
 * `Content-Security-Policy: sandbox`; an SVG asked for `?as=image` as an
 * inert picture (see SVG_IMAGE_HEADERS). Tags and ranges redirect (307,
 * short-lived); canonical responses are immutable with an ETag.
 */
export async function rawEndpoint(request: Request, ecosystem: Ecosystem): Promise<Response> {
  try {
    const service = getService(ecosystem.id);
    const prefix = ecosystem.urlPrefix;
    const route = parseBrowseSegments(segmentsAfter(request, `${prefix}/raw/`), ecosystem);
    const params = new URL(request.url).searchParams;
    if (route.version === undefined || route.path === "") {
      throw new PkgdiffError("bad_request", `Give a version and a file path: ${prefix}/raw/<name>/<version>/<path>.`);
    }
    const resolved = await resolveBrowse({
      source: service,
      getTree: (name, version) => service.getTree(name, version, contextFrom(request.headers)),
      route,
      params,
      pathFor: (name, version, path) => rawPath(name, version, path, prefix),
    });
    if (resolved.type === "redirect") return tagged(redirect(resolved.location), ecosystem.id, route.name);
    const { name, version, path } = resolved;
    const asImage = asksForImage(params);
    // The bytes of a published version never change, whatever the build: no build id in this ETag.
    const etag = etagFor(asImage ? "raw-image" : "raw", service.registry.id, name, version, path);
    if (matchesEtag(request.headers.get("if-none-match"), etag)) {
      return tagged(new Response(null, { status: 304, headers: { etag, "cache-control": IMMUTABLE, ...SAFE_HEADERS } }), ecosystem.id, name);
    }
    const file = await fileAt(ecosystem, name, version, path, contextFrom(request.headers));
    const kind = asImage && isSvgImage(path, file) ? SVG_IMAGE_HEADERS : { "content-type": rawContentType(file), ...SAFE_HEADERS };
    const response = new Response(file.bytes as Uint8Array<ArrayBuffer>, {
      headers: { ...kind, "content-length": String(file.bytes.length), "cache-control": IMMUTABLE, etag },
    });
    return tagged(response, ecosystem.id, name);
  } catch (error) {
    return withSafeHeaders(problemResponse(error, "text"));
  }
}

function withSafeHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(SAFE_HEADERS)) response.headers.set(name, value);
  return response;
}
