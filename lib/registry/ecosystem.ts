import type { RiskyScanResult } from "../review/risky-scan";
import type { EcosystemRules } from "../review/rules";
import type { ScanTask } from "../workers/pooled";
import type { PackageTree, TarLimits } from "../tarball/types";
import type { PackageSearch } from "./package-search";
import type { PackageInfo, RegistryAdapter } from "./types";

/*
 * The seam between pkgdiff and a package ecosystem (npm, Hex, …). Each
 * ecosystem is one folder, lib/registry/<id>/, whose `ecosystem.ts`
 * exports an `Ecosystem`; lib/registry/ecosystems.ts lists them. Code
 * outside those folders asks the ecosystem it was handed and never
 * branches on which one it is.
 */

/** How an ecosystem's package names sit in URL paths. */
export interface NameRules {
  /**
   * Splits decoded path segments into the package name (validated) and
   * the segments after it. npm names take one segment or two
   * (`@scope`, `name`); Hex names take one.
   *
   * @throws PkgdiffError `bad_request` for a missing or invalid name.
   */
  split(segments: readonly string[]): { name: string; rest: string[] };
  /** Validates a whole name; throws `bad_request` otherwise. */
  parse(raw: string): string;
}

/** How an ecosystem orders versions and reads what people write for them. */
export interface VersionRules {
  /**
   * Refuses, before any registry request, what can never be a version,
   * tag, range or requirement (returns it trimmed).
   */
  parseSpec(raw: string): string;
  /**
   * One published version for an exact version, tag, range or
   * requirement; `version_not_found` with the nearest versions otherwise.
   */
  resolve(pkg: PackageInfo, spec: string): string;
  /** True when `spec` is literally a published version, so a URL with it is canonical. */
  isExact(pkg: PackageInfo, spec: string): boolean;
  /** The version `/diff/<name>/<from>..` and `/browse/<name>` go to. */
  latest(pkg: PackageInfo): string;
  /** Where "diff with previous" starts from; `undefined` for the first version. */
  previous(pkg: PackageInfo, version: string): string | undefined;
}

/**
 * What a release says about itself in its own files (Hex: metadata.config),
 * as its browse page shows it. Generic on purpose: an ecosystem fills what
 * it has, and labels anything else as `facts`.
 */
export interface ReleaseMetadata {
  description?: string;
  /** As declared (SPDX identifiers, usually). */
  licenses: string[];
  /** As published, any scheme: pages show only those their URL policy allows. */
  links: { name: string; url: string }[];
  /** Further facts, labelled for people: `{ label: "Build tools", value: "mix" }`. */
  facts: { label: string; value: string }[];
}

export interface Ecosystem {
  /** Short id, in every cache key ("npm", "hex"). */
  readonly id: string;
  /** What its URLs start with: "" for npm (unprefixed), "/hex" for Hex. */
  readonly urlPrefix: string;
  /** For people: "npm", "Hex". */
  readonly label: string;
  /** Package names that show what its names look like (the search box's placeholder): npm "react", "@babel/core"; Hex "decimal". */
  readonly examples: readonly string[];
  readonly names: NameRules;
  readonly versions: VersionRules;
  /**
   * The registry adapter, from the configuration. Throws a PkgdiffError
   * (`unavailable`) when the server is not configured for this ecosystem.
   */
  createRegistry(): RegistryAdapter;
  /**
   * A verified tarball as the path → bytes tree that is diffed and
   * browsed (npm: one gzip with one top folder stripped; Hex: the outer
   * tar's contents.tar.gz, files at its root).
   */
  unpack(bytes: Uint8Array, limits: TarLimits): Promise<PackageTree>;
  /**
   * What a release says about itself, read from its unpacked tree (Hex:
   * the tree's hex_metadata.config); absent or undefined when the
   * ecosystem or the release has none.
   */
  releaseMetadata?(tree: PackageTree): ReleaseMetadata | undefined;
  /** What the review summary (lib/review) reads and looks for in this ecosystem's packages. */
  readonly review: EcosystemRules;
  /**
   * The pool task that scans a batch of diffed files with `review`'s
   * risky-code rule (lib/review/scan-task.ts), listed in this ecosystem's
   * worker-tasks.ts so the worker bundle has it.
   */
  readonly scanFiles: ScanTask<RiskyScanResult>;
  /** Its package names for the home page's search, and its registry's search when it has one. */
  readonly search: PackageSearch;
}
