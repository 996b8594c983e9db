import "server-only";
import { config } from "../config.mjs";
import { isPkgdiffError, PkgdiffError } from "../errors";
import { IMMUTABLE, matchesEtag, SHORT_LIVED } from "../http/headers";
import { problemResponse } from "../http/problem";
import { DEFAULT_ECOSYSTEM } from "../registry/ecosystems";
import { getService } from "../service/instance";
import type { SearchApiAnswer } from "../search/api-types";
import { currentIndexAsset } from "../search/index-asset";
import { asPackageName } from "../search/names";
import { createRegistrySearch, type RegistrySearch } from "../search/registry-search";

const MAX_QUERY_LENGTH = 214;
const DEFAULT_SIZE = 10;
const MAX_SIZE = 25;

const KEY = Symbol.for("pkgdiff.registrySearch");
type Holder = typeof globalThis & { [KEY]?: RegistrySearch };

function registrySearch(): RegistrySearch {
  const holder: Holder = globalThis;
  holder[KEY] ??= createRegistrySearch({ registryUrl: config().registryUrl, token: config().npmToken });
  return holder[KEY];
}

export interface SearchRequest {
  query: string;
  check: boolean;
  size: number;
}

/**
 * @example
 * parseSearchRequest(new URLSearchParams("q=react&check=1")); // { query: "react", check: true, size: 10 }
 */
export function parseSearchRequest(params: URLSearchParams): SearchRequest {
  const query = (params.get("q") ?? "").trim();
  if (query === "") throw new PkgdiffError("bad_request", "Give the text to search for: ?q=<text>.");
  if (query.length > MAX_QUERY_LENGTH) throw new PkgdiffError("bad_request", `The search text is longer than ${MAX_QUERY_LENGTH} characters.`);
  const rawSize = params.get("size");
  const size = rawSize === null ? DEFAULT_SIZE : Number(rawSize);
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) {
    throw new PkgdiffError("bad_request", `size must be an integer from 1 to ${MAX_SIZE}.`);
  }
  return { query, check: params.get("check") === "1", size };
}

/**
 * `GET /api/v1/search?q=<text>[&check=1][&size=n]`: the registry's own
 * search results for the text, and, with `check=1`, whether a package of
 * exactly that name exists (the browser asks when its index lacks the
 * name). The browser never talks to the registry itself.
 */
export async function searchEndpoint(request: Request): Promise<Response> {
  try {
    const { query, check, size } = parseSearchRequest(new URL(request.url).searchParams);
    const name = check ? asPackageName(query) : undefined;
    const [lookup, registry] = await Promise.all([name ? checkPackage(name) : undefined, registrySearch()(query, size)]);
    const body: SearchApiAnswer = { query, check: lookup?.check ?? "skipped", ...(lookup?.package ? { package: lookup.package } : {}), registry };
    const cacheable = registry.status !== "failed" && lookup?.check !== "failed";
    return Response.json(body, { headers: { "cache-control": cacheable ? "public, max-age=60" : "no-store" } });
  } catch (error) {
    return problemResponse(error, "json");
  }
}

async function checkPackage(name: string): Promise<Pick<SearchApiAnswer, "check" | "package">> {
  try {
    const pkg = await getService(DEFAULT_ECOSYSTEM.id).getPackage(name);
    const latest = pkg.distTags.latest ?? pkg.sortedVersions[0];
    if (latest === undefined) return { check: "not_found" };
    return { check: "found", package: { name: pkg.name, latest } };
  } catch (error) {
    if (isPkgdiffError(error) && error.kind === "not_found") return { check: "not_found" };
    if (isPkgdiffError(error) && error.kind === "bad_request") return { check: "skipped" };
    return { check: "failed" };
  }
}

const HASH = /^[0-9a-f]{16}$/;

/**
 * `GET /api/v1/search/index/<hash>`: the search index, content-addressed and
 * immutable. An old hash (the server rebuilt the
 * index since the page was rendered) redirects to the current one.
 */
export async function indexEndpoint(request: Request, hash: string): Promise<Response> {
  try {
    if (!HASH.test(hash)) throw new PkgdiffError("not_found", "There is no search index at this address.");
    const asset = await currentIndexAsset();
    if (hash !== asset.hash) {
      return new Response(null, { status: 307, headers: { location: asset.path, "cache-control": SHORT_LIVED } });
    }
    const etag = `"${asset.hash}"`;
    const headers = new Headers({
      "content-type": "text/plain; charset=utf-8",
      "cache-control": IMMUTABLE,
      etag,
      vary: "accept-encoding",
      "x-content-type-options": "nosniff",
    });
    if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    // Next's server compresses responses (gzip), so the raw bytes go out here; a body
    // gzipped here would be gzipped twice.
    return new Response(new Uint8Array(asset.raw), { headers });
  } catch (error) {
    return problemResponse(error, "text");
  }
}
