import { PkgdiffError } from "../../errors";
import { type ErlTerm, type TermLimits, parseErlangTerms } from "./erlang-terms";

/**
 * A release's `metadata.config`, as pkgdiff shows it
 * (https://github.com/hexpm/specifications/blob/main/package_metadata.md).
 * Optional fields are empty when absent; values of an unexpected type are
 * dropped rather than failing the package, as only `name` and `version`
 * are needed to trust what is diffed.
 */
export interface HexMetadata {
  name: string;
  version: string;
  /** OTP application name. */
  app?: string;
  description?: string;
  licenses: string[];
  maintainers: string[];
  links: { name: string; url: string }[];
  /** Sorted by name. */
  requirements: HexRequirement[];
  buildTools: string[];
  /** Requirement on Elixir, e.g. `~> 1.8`. */
  elixir?: string;
  /** The package's files as its publisher listed them (directories may appear too). */
  files: string[];
}

export interface HexRequirement {
  name: string;
  requirement: string;
  optional: boolean;
  app?: string;
  repository?: string;
}

/**
 * Parses `metadata.config` bytes into {@link HexMetadata}. Tolerates both
 * requirement shapes hex_core reads (hex_tarball:normalize_requirements/1):
 * `[{Name, [{<<"app">>, …}, …]}]` and the legacy `[[{<<"name">>, Name}, …]]`.
 *
 * @throws PkgdiffError `bad_tarball` for terms that are not `{Key, Value}`
 * pairs or lack a name or version; `too_large` past the size bound.
 * @example
 * parseHexMetadata(bytes).requirements; // [{ name: "telemetry", requirement: "~> 1.0", optional: false, app: "telemetry" }]
 */
export function parseHexMetadata(bytes: Uint8Array | string, limits?: TermLimits): HexMetadata {
  const fields = new Map<string, ErlTerm>();
  for (const term of parseErlangTerms(bytes, limits)) {
    const pair = keyValue(term);
    if (pair === undefined) throw invalid("every term must be a {Key, Value} pair with a binary key");
    fields.set(pair[0], pair[1]);
  }
  const name = text(fields.get("name"));
  const version = text(fields.get("version"));
  if (name === undefined) throw invalid("it has no name");
  if (version === undefined) throw invalid("it has no version");
  return {
    name,
    version,
    ...optional("app", text(fields.get("app"))),
    ...optional("description", text(fields.get("description"))),
    licenses: texts(fields.get("licenses")),
    maintainers: texts(fields.get("maintainers")),
    links: pairs(fields.get("links")).flatMap(([key, value]) => {
      const url = text(value);
      return url === undefined ? [] : [{ name: key, url }];
    }),
    requirements: requirements(fields.get("requirements")),
    buildTools: texts(fields.get("build_tools")),
    ...optional("elixir", text(fields.get("elixir"))),
    files: texts(fields.get("files")),
  };
}

function requirements(value: ErlTerm | undefined): HexRequirement[] {
  if (!Array.isArray(value)) return [];
  const out: HexRequirement[] = [];
  for (const item of value) {
    // Legacy: a kvlist that carries its own name. Current: {Name, kvlist}.
    const legacy = Array.isArray(item) ? new Map(pairs(item)) : undefined;
    const current = legacy === undefined ? keyValue(item) : undefined;
    const name = legacy ? text(legacy.get("name")) : current?.[0];
    const details = legacy ?? new Map(pairs(current?.[1]));
    if (name === undefined) continue;
    out.push({
      name,
      requirement: text(details.get("requirement")) ?? "",
      optional: details.get("optional") === true,
      ...optional("app", text(details.get("app"))),
      ...optional("repository", text(details.get("repository"))),
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `{<<"key">>, Value}` → `["key", Value]`. */
function keyValue(term: ErlTerm | undefined): [string, ErlTerm] | undefined {
  if (term === undefined || typeof term !== "object" || !("tuple" in term) || term.tuple.length !== 2) return undefined;
  const [key, value] = term.tuple;
  return typeof key === "string" && value !== undefined ? [key, value] : undefined;
}

function pairs(value: ErlTerm | undefined): [string, ErlTerm][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const pair = keyValue(item);
    return pair ? [pair] : [];
  });
}

/** A binary or string; `nil` and anything else read as absent. */
function text(value: ErlTerm | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function texts(value: ErlTerm | undefined): string[] {
  return Array.isArray(value) ? value.flatMap((item) => (typeof item === "string" ? [item] : [])) : [];
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function invalid(detail: string): PkgdiffError {
  return new PkgdiffError("bad_tarball", `The package's metadata.config is not valid Hex metadata: ${detail}.`);
}
