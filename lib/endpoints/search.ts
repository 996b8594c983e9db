import "server-only";
import { isPkgdiffError, PkgdiffError } from "../errors";
import { IMMUTABLE, matchesEtag, SHORT_LIVED } from "../http/headers";
import { problemResponse } from "../http/problem";
import type { Ecosystem } from "../registry/ecosystem";
import type { RegistrySearchStatus } from "../registry/package-search";
import type { PackageInfo } from "../registry/types";
import { getService } from "../service/instance";
import type { RemoteMatch, SearchApiAnswer } from "../search/api-types";
import { currentIndexAsset } from "../search/index-asset";
import { asTypedName } from "../search/names";
import { parseScopedQuery } from "../search/query";
import { searchableEcosystems } from "../search/searchable";

const MAX_QUERY_LENGTH = 214;
const DEFAULT_SIZE = 10;
const MAX_SIZE = 25;

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
 * `GET /api/v1/search?q=<text>[&check=1][&size=n]`: the registries' own
 * search results for the text, and, with `check=1`, whether a package of
 * exactly that name exists (the browser asks when its index lacks the
 * name). A `hex:` / `npm:` prefix narrows both to that ecosystem; without
 * one, the check is in the unprefixed ecosystem and the search in every
 * one that has a registry search. The browser never talks to a registry itself.
 */
export async function searchEndpoint(request: Request): Promise<Response> {
  try {
    const { query, check, size } = parseSearchRequest(new URL(request.url).searchParams);
    const ecosystems = searchableEcosystems();
    const scoped = parseScopedQuery(query, ecosystems.map((e) => e.id));
    const inScope = ecosystems.filter((e) => scoped.ecosystem === undefined || e.id === scoped.ecosystem);
    const checkIn = inScope[0];
    const [lookup, registry] = await Promise.all([
      check && checkIn && scoped.text !== "" ? checkPackage(checkIn, scoped.text) : undefined,
      scoped.text === "" ? { status: "unsupported" as const, results: [] } : searchRegistries(inScope, scoped.text, size),
    ]);
    const body: SearchApiAnswer = {
      query,
      ...(scoped.ecosystem ? { ecosystem: scoped.ecosystem } : {}),
      check: lookup?.check ?? "skipped",
      ...(lookup?.package ? { package: lookup.package } : {}),
      registry,
    };
    const cacheable = registry.status !== "failed" && lookup?.check !== "failed";
    return Response.json(body, { headers: { "cache-control": cacheable ? "public, max-age=60" : "no-store" } });
  } catch (error) {
    return problemResponse(error, "json");
  }
}

/** The searches of the ecosystems that have one: "ok" when any answered, else "failed" when any failed. */
async function searchRegistries(ecosystems: readonly Ecosystem[], text: string, size: number): Promise<SearchApiAnswer["registry"]> {
  const answers = await Promise.all(
    ecosystems.map(async (e) => {
      const answer = await e.search.registrySearch?.(text, size);
      return answer && { status: answer.status, results: answer.results.map((r): RemoteMatch => ({ ...r, ecosystem: e.id })) };
    }),
  );
  const asked = answers.filter((a) => a !== undefined);
  const status = (wanted: RegistrySearchStatus) => asked.some((a) => a.status === wanted);
  const overall: RegistrySearchStatus = status("ok") ? "ok" : status("failed") ? "failed" : "unsupported";
  return { status: overall, results: asked.flatMap((a) => (a.status === "ok" ? a.results : [])) };
}

async function checkPackage(ecosystem: Ecosystem, text: string): Promise<Pick<SearchApiAnswer, "check" | "package">> {
  const typed = asTypedName(text);
  if (typed === undefined) return { check: "skipped" };
  let name: string;
  try {
    name = ecosystem.names.parse(typed);
  } catch (error) {
    if (isPkgdiffError(error)) return { check: "skipped" };
    throw error;
  }
  try {
    const pkg = await getService(ecosystem.id).getPackage(name);
    const latest = latestOf(ecosystem, pkg);
    if (latest === undefined) return { check: "not_found" };
    return { check: "found", package: { ecosystem: ecosystem.id, name: pkg.name, latest } };
  } catch (error) {
    if (isPkgdiffError(error) && error.kind === "not_found") return { check: "not_found" };
    if (isPkgdiffError(error) && error.kind === "bad_request") return { check: "skipped" };
    return { check: "failed" };
  }
}

/** The ecosystem's latest version, else its newest one (a package whose every release is retired). */
function latestOf(ecosystem: Ecosystem, pkg: PackageInfo): string | undefined {
  try {
    return ecosystem.versions.latest(pkg);
  } catch (error) {
    if (isPkgdiffError(error)) return pkg.sortedVersions[0];
    throw error;
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
