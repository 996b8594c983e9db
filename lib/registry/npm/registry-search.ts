import { isPkgdiffError, PkgdiffError } from "../../errors";
import { cachedLoader } from "../cached-loader";
import type { RegistryMatch, RegistrySearchAnswer } from "../package-search";
import { type RequestPolicy, requestFromRegistry } from "./http";
import { isPackageName } from "./name-list";
import { createOriginPolicy } from "./origin";
import { readBodyLimited } from "./read-body";

export interface RegistrySearchOptions {
  registryUrl: string;
  token?: string;
  /** A person is typing: a slow search is dropped, not waited for. Default 4000. */
  timeoutMs?: number;
  /** How long an answer is reused. Default 5 minutes. */
  ttlMs?: number;
  fetch?: typeof fetch;
}

export type RegistrySearch = (text: string, size: number) => Promise<RegistrySearchAnswer>;

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** After a 404, the endpoint is not asked again for this long. */
const UNSUPPORTED_MS = 10 * 60_000;

/**
 * The registry's full-text search (`GET /-/v1/search?text=&size=`, as npm
 * and Verdaccio serve it), through the npm adapter's request layer (origin
 * check, token, timeout), with answers cached and failures never thrown:
 * a registry that cannot search must not break the search box.
 *
 * @example
 * const search = createRegistrySearch({ registryUrl: "http://127.0.0.1:4873/" });
 * await search("widget", 10); // { status: "ok", results: [{ name: "@scope/widget", version: "1.1.0" }] }
 */
export function createRegistrySearch(options: RegistrySearchOptions): RegistrySearch {
  const base = options.registryUrl.endsWith("/") ? options.registryUrl : `${options.registryUrl}/`;
  const policy: RequestPolicy = {
    fetch: options.fetch ?? globalThis.fetch,
    origins: createOriginPolicy(base, []),
    token: options.token || undefined,
    timeoutMs: options.timeoutMs ?? 4_000,
    retries: 0,
    retryBaseMs: 0,
  };
  let unsupportedUntil = 0;

  const load = cachedLoader(
    (key) => {
      const [size, text] = splitKey(key);
      const url = `${base}-/v1/search?${new URLSearchParams({ text, size: String(size) })}`;
      return requestFromRegistry(
        {
          url,
          accept: "application/json",
          subject: `the search for ${JSON.stringify(text)}`,
          details: {},
          onNotFound: () => new PkgdiffError("not_found", "The registry has no search endpoint"),
          read: async (response, progress) => {
            const body = await readBodyLimited(response, MAX_BODY_BYTES, progress);
            if (body === undefined) throw new PkgdiffError("too_large", "The registry's search answer is too large");
            return parseSearchAnswer(JSON.parse(new TextDecoder().decode(body)));
          },
        },
        policy,
      );
    },
    { ttlMs: options.ttlMs ?? 5 * 60_000, maxEntries: 1_000 },
  );

  return async (text, size) => {
    if (Date.now() < unsupportedUntil) return { status: "unsupported", results: [] };
    try {
      return { status: "ok", results: await load(`${size}:${text}`) };
    } catch (error) {
      if (isPkgdiffError(error) && error.kind === "not_found") {
        unsupportedUntil = Date.now() + UNSUPPORTED_MS;
        return { status: "unsupported", results: [] };
      }
      return { status: "failed", results: [] };
    }
  };
}

function splitKey(key: string): [number, string] {
  const colon = key.indexOf(":");
  return [Number(key.slice(0, colon)), key.slice(colon + 1)];
}

/**
 * The registry's search JSON as `RegistryMatch`es: entries without a valid
 * name or version are dropped, descriptions are cut to 300 characters.
 *
 * @example
 * parseSearchAnswer({ objects: [{ package: { name: "a", version: "1.0.0" } }] }); // [{ name: "a", version: "1.0.0" }]
 */
export function parseSearchAnswer(json: unknown): RegistryMatch[] {
  const objects = isRecord(json) && Array.isArray(json.objects) ? json.objects : [];
  const matches: RegistryMatch[] = [];
  for (const object of objects) {
    const pkg = isRecord(object) ? object.package : undefined;
    if (!isRecord(pkg) || typeof pkg.name !== "string" || typeof pkg.version !== "string") continue;
    if (!isPackageName(pkg.name)) continue;
    const description = typeof pkg.description === "string" && pkg.description !== "" ? pkg.description.slice(0, 300) : undefined;
    matches.push({ name: pkg.name, version: pkg.version, ...(description ? { description } : {}) });
  }
  return matches;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
