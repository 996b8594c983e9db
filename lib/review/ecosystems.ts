import { diffPath } from "../routes/diff-path";
import { type CodePattern, HEX_PATTERNS, NPM_PATTERNS, isHexCode, isNpmCode } from "./code-patterns";
import type { Ecosystem } from "./types";

/**
 * What differs between registries for the review, in one table, so no rule
 * branches on the ecosystem: which files are code, what is risky in them,
 * where the manifest is, and where a dependency's own diff lives.
 */
export interface EcosystemRules {
  id: Ecosystem;
  isCode(path: string): boolean;
  patterns: readonly CodePattern[];
  /** The tarball's own JSON manifest (scripts, bin, dependencies, shape); none for Hex (mix.exs is code). */
  manifestPath?: string;
  /** Dependencies come from the tarball's manifest (npm) or the registry's release metadata (Hex). */
  dependenciesFrom: "manifest" | "registry";
  /** The pkgdiff page of a dependency's own upgrade; ranges and requirements resolve there by redirect. */
  dependencyLink(name: string, from: string, to: string): string;
  /** Files whose arrival makes installing run a build (npm runs `node-gyp rebuild` for binding.gyp). */
  implicitInstallFiles: ReadonlySet<string>;
  /** The registry publishes npm's trust fields (provenance, trusted publisher, `_npmUser`). */
  trustFields: boolean;
}

export const NPM_REVIEW: EcosystemRules = {
  id: "npm",
  isCode: isNpmCode,
  patterns: NPM_PATTERNS,
  manifestPath: "package.json",
  dependenciesFrom: "manifest",
  dependencyLink: (name, from, to) => diffPath(name, from, to),
  implicitInstallFiles: new Set(["binding.gyp"]),
  trustFields: true,
};

export const HEX_REVIEW: EcosystemRules = {
  id: "hex",
  isCode: isHexCode,
  patterns: HEX_PATTERNS,
  dependenciesFrom: "registry",
  // PRODUCT.md: Hex pages sit under /hex with npm's forms.
  dependencyLink: (name, from, to) => `/hex${diffPath(name, from, to)}`,
  // Hex builds native code through mix.exs `compilers:`, which the risky-code scan reports.
  implicitInstallFiles: new Set(),
  trustFields: false,
};

const BY_ID: Record<string, EcosystemRules | undefined> = { npm: NPM_REVIEW, hex: HEX_REVIEW };

/** The review's table for an ecosystem id (a service knows its ecosystem by id); undefined when it has none. */
export function reviewRulesFor(id: string): EcosystemRules | undefined {
  return BY_ID[id];
}

export function ecosystemRules(id: Ecosystem): EcosystemRules {
  const rules = reviewRulesFor(id);
  if (!rules) throw new Error(`no review rules for ${id}`);
  return rules;
}
