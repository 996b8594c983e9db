import type { FileDiff } from "../diff/types";
import type { PackageTree } from "../tarball/types";
import type { EcosystemRules } from "./rules";
import type { RiskyScanResult } from "./risky-scan";

/**
 * The review summary's model: what a reviewer must see first in an
 * upgrade. Inputs are what the diff service already holds (both unpacked
 * trees, the computed file diffs, per-version registry metadata); the
 * output is plain JSON, cached beside the diff.
 */

/**
 * Bumped whenever the rules or the output shape change, so cached
 * summaries are recomputed (fold it into the cache key like ENGINE_VERSION).
 */
export const REVIEW_VERSION = 2;

export type Severity = "attention" | "notice" | "info";

/** Fields of `ReleaseMeta` a registry may or may not carry (mirrors often strip some). */
export type ReleaseField =
  | "publishedAt"
  | "deprecated"
  | "npmUser"
  | "trustedPublisher"
  | "maintainers"
  | "attestations"
  | "repositoryUrl"
  | "gitHead"
  | "license"
  | "retired"
  | "dependencies";

/** A Hex requirement of one release, as the registry lists it. */
export interface HexRequirement {
  /** The package name on Hex. */
  name: string;
  /** An Elixir version requirement, e.g. "~> 2.1" or ">= 1.0.0 and < 2.0.0". */
  requirement: string;
  optional: boolean;
}

/**
 * Registry metadata of one version. A field left `undefined` is either
 * absent or not carried by this registry; `carried` tells the two apart:
 * it lists the fields the registry is known to carry for this package
 * (e.g. "attestations" when any version of the packument has
 * `dist.attestations`). An absent field that is not carried is "not
 * available", never a downgrade. No `carried` at all: nothing is known to
 * be carried, so no absence is ever reported.
 */
export interface ReleaseMeta {
  /** ISO time of publication. */
  publishedAt?: string;
  /** Deprecation message (npm). */
  deprecated?: string;
  /** Who published (npm `_npmUser`); `trustedPublisher` set when published by OIDC trusted publishing. */
  npmUser?: { name: string; email?: string; trustedPublisher?: unknown };
  maintainers?: readonly { name: string }[];
  /** npm `dist.attestations`: true or its object when the version has provenance. */
  attestations?: boolean | { url: string; [key: string]: unknown };
  repositoryUrl?: string;
  gitHead?: string;
  /** SPDX expression (npm) or the Hex licenses joined with ", ". */
  license?: string;
  /** Hex retirement. */
  retired?: { reason: string; message?: string };
  /** Hex requirements (npm's come from each tarball's package.json). */
  dependencies?: readonly HexRequirement[];
  carried?: readonly ReleaseField[];
}

/** One side of the upgrade. */
export interface ReviewSide {
  /** Exact version. */
  version: string;
  tree: PackageTree;
  meta?: ReleaseMeta;
}

export interface ReviewInput {
  /** The ecosystem's review table (`Ecosystem.review`), handed over by the caller. */
  rules: EcosystemRules;
  /**
   * The pkgdiff page of a dependency's own upgrade (ranges and requirements
   * resolve there by redirect); the caller knows the ecosystem's URLs.
   */
  dependencyLink(name: string, from: string, to: string): string;
  /** Package name, for messages and dependency links. */
  name: string;
  from: ReviewSide;
  to: ReviewSide;
  /** The computed diff's files (lib/diff `TreeDiff.files`). */
  files: readonly FileDiff[];
  /**
   * Risky-code scans already made beside the line diffs (the worker pool's
   * `diffAndScanTask`), by file; a file missing here is scanned in
   * `summarize` itself.
   */
  scans?: ReadonlyMap<FileDiff, RiskyScanResult>;
}

/** A JSON value: findings' `data` must survive JSON.stringify unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type FindingKind =
  // install-time code
  | "install-script-added"
  | "install-script-changed"
  | "install-script-removed"
  | "implicit-install"
  | "native-file"
  | "executable-file"
  | "bin-changed"
  // risky added code
  | "obfuscation"
  | "long-line"
  | "high-entropy"
  | "eval"
  | "child-process"
  | "env-read"
  | "network"
  | "new-hosts"
  | "home-write"
  | "file-write"
  | "build-hook"
  | "not-scanned"
  // big new files
  | "big-file"
  | "largest-files"
  | "minified-added"
  // trust and publisher
  | "provenance-lost"
  | "provenance-added"
  | "trusted-publisher-lost"
  | "publisher-changed"
  | "maintainers-changed"
  | "repository-changed"
  | "git-head-missing"
  | "not-available"
  // dependencies
  | "dependencies-added"
  | "dependencies-removed"
  | "dependency-major"
  | "dependency-source"
  | "dependency-optional"
  // package shape
  | "manifest-field"
  | "license-changed"
  | "license-file-changed"
  | "size-changed"
  | "deprecated"
  | "retired"
  | "publish-interval";

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** One line, in a reviewer's words. */
  message: string;
  /** The file the finding is about, when there is one. */
  file?: string;
  /** Diff page anchors (without "#"): `file-<path>`, `file-<path>-R<n>`, `file-<path>-L<n>`. */
  anchors?: string[];
  data?: { [key: string]: JsonValue };
}

/** How a dependency's spec changed, semver-wise (0.x rules: the leftmost non-zero part is the breaking one). */
export type ChangeLevel = "major" | "minor" | "patch" | "prerelease" | "widened" | "narrowed" | "other";

export type DependencyType =
  | "dependencies"
  | "peerDependencies"
  | "optionalDependencies"
  | "devDependencies"
  | "bundleDependencies"
  | "overrides";

export interface DependencyChange {
  /** Package name; for `overrides`, the flattened path ("a > b"). */
  name: string;
  type: DependencyType;
  /** The spec in `from`, null when added. */
  from: string | null;
  /** The spec in `to`, null when removed. */
  to: string | null;
  change: "added" | "removed" | ChangeLevel;
  /** The dependency's own diff page, when both ends are versions or ranges. */
  link?: string;
}

export interface ScriptChange {
  name: string;
  from: string | null;
  to: string | null;
  /** Runs when the package is installed (preinstall, install, postinstall, prepare). */
  installTime: boolean;
}

export interface ReviewSummary {
  headline: string;
  counts: Record<Severity, number>;
  /** Most severe first; same input, same order. */
  findings: Finding[];
  dependencies: DependencyChange[];
  scripts: ScriptChange[];
  /** Unpacked bytes. */
  size: { from: number; to: number };
  /** File count. */
  files: { from: number; to: number };
}
