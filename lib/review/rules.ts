import type { PackageTree } from "../tarball/types";
import type { CodePattern } from "./code-patterns";

/**
 * What differs between registries for the review, in one table, so no rule
 * branches on the ecosystem: which files are code, what is risky in them,
 * where the manifest is. Each ecosystem brings its own as `Ecosystem.review`
 * (lib/registry/<id>/review.ts); the caller hands it over in `ReviewInput.rules`.
 */
export interface EcosystemRules {
  isCode(path: string): boolean;
  patterns: readonly CodePattern[];
  /** The tarball's own JSON manifest (scripts, bin, dependencies, shape); none for Hex (mix.exs is code). */
  manifestPath?: string;
  /**
   * The license a release declares in its own metadata file, for an
   * ecosystem without a JSON manifest (Hex: metadata.config's `licenses`,
   * joined with ", "); undefined when it declares none.
   */
  declaredLicense?(tree: PackageTree): string | undefined;
  /** Dependencies come from the tarball's manifest (npm) or the registry's release metadata (Hex). */
  dependenciesFrom: "manifest" | "registry";
  /**
   * A registry requirement (`dependenciesFrom: "registry"`) as a semver
   * range, to classify its change; undefined when it has none (Hex's
   * `~> 2.1` is `>=2.1.0 <3.0.0-0`).
   */
  requirementToRange?(requirement: string): string | undefined;
  /** Files whose arrival makes installing run a build (npm runs `node-gyp rebuild` for binding.gyp). */
  implicitInstallFiles: ReadonlySet<string>;
  /** The registry publishes npm's trust fields (provenance, trusted publisher, `_npmUser`). */
  trustFields: boolean;
}
