import type { CodePattern } from "../../review/code-patterns";
import type { EcosystemRules } from "../../review/rules";
import { hexDeclaredLicense } from "./release-metadata";
import { hexRequirementToRange } from "./requirement-range";

/*
 * What the review (lib/review) looks for in Hex packages: `Ecosystem.review`
 * of hexEcosystem. There is no JSON manifest (mix.exs is code), and the
 * requirements come from the signed registry's release metadata.
 */

/** Code files of Hex packages: Elixir and Erlang. */
export function isHexCode(path: string): boolean {
  return /\.(?:ex|exs|erl|hrl)$/.test(path);
}

/** Hex's risky constructs: Elixir and Erlang APIs that run commands, evaluate code or write files. */
export const HEX_PATTERNS: readonly CodePattern[] = [
  {
    kind: "child-process",
    severity: "notice",
    label: "Shell commands (System.cmd, :os.cmd, Port.open)",
    regex: /\bSystem\.(?:cmd|shell)\s*\(|:os\.cmd\s*\(|\bos:cmd\s*\(|\bPort\.open\s*\(/g,
  },
  {
    kind: "eval",
    severity: "notice",
    label: "Code evaluation (Code.eval_string, Code.eval_quoted)",
    regex: /\bCode\.(?:eval_string|eval_quoted|eval_file|compile_string)\b/g,
  },
  {
    kind: "file-write",
    severity: "notice",
    label: "File writes outside _build",
    regex: /\bFile\.(?:write|write!|open!?|cp_r!?)\s*\(/g,
    unless: /_build/,
  },
  {
    kind: "build-hook",
    severity: "notice",
    label: "Build hooks in mix.exs (compilers:, aliases)",
    regex: /\bcompilers:|\baliases:|\bdefp?\s+aliases\b/g,
    appliesTo: (path) => path === "mix.exs",
  },
  {
    kind: "network",
    severity: "notice",
    label: "Network calls (:httpc, :gen_tcp, :ssl)",
    regex: /:httpc\.request\b|:gen_tcp\.connect\b|:ssl\.connect\b|\bhttpc:request\b/g,
  },
  {
    kind: "env-read",
    severity: "info",
    label: "Reads of environment variables",
    regex: /\bSystem\.(?:get_env|fetch_env!?)\b|:os\.getenv\b/g,
  },
];

export const HEX_REVIEW: EcosystemRules = {
  isCode: isHexCode,
  patterns: HEX_PATTERNS,
  // The registry carries no license; each release's metadata.config does.
  declaredLicense: hexDeclaredLicense,
  dependenciesFrom: "registry",
  requirementToRange: hexRequirementToRange,
  // Hex builds native code through mix.exs `compilers:`, which the risky-code scan reports.
  implicitInstallFiles: new Set(),
  trustFields: false,
};
