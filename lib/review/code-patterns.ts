import type { FindingKind, Severity } from "./types";

/**
 * A risky construct looked for on added lines of code files. Each regex is
 * global (occurrences are counted) and case-sensitive: these are API
 * names, and upper-case look-alikes are other identifiers.
 */
export interface CodePattern {
  kind: FindingKind;
  severity: Severity;
  /** What was found, in a reviewer's words: "eval( or new Function(". */
  label: string;
  regex: RegExp;
  /** Only files this accepts are looked at (default: every code file). */
  appliesTo?: (path: string) => boolean;
  /** A line this matches does not count (e.g. `File.write` into `_build`). */
  unless?: RegExp;
  /** The hits count only when the file's added lines also match this (home dir + a write). */
  alongWith?: RegExp;
}

/** Code files of npm packages: JavaScript and TypeScript, not type declarations (they never run). */
export function isNpmCode(path: string): boolean {
  return /\.[cm]?[jt]sx?$/.test(path) && !/\.d\.[cm]?ts$/.test(path);
}

/** Code files of Hex packages: Elixir and Erlang. */
export function isHexCode(path: string): boolean {
  return /\.(?:ex|exs|erl|hrl)$/.test(path);
}

/**
 * npm's risky constructs. Sources: what the 2025 attacks added (chalk/debug's
 * `_0x…` code; Shai-Hulud's bundle.js reading tokens from the environment and
 * `~/.npmrc`, then calling out), and the API lists Socket and npm-diff.app flag.
 */
export const NPM_PATTERNS: readonly CodePattern[] = [
  {
    kind: "obfuscation",
    severity: "attention",
    label: "Obfuscated identifiers (_0x…)",
    regex: /\b_0x[0-9a-fA-F]{4,}\b/g,
  },
  {
    kind: "home-write",
    severity: "attention",
    label: "Home-folder files (~/.npmrc, ~/.ssh, shell profiles)",
    regex: /\.npmrc\b|~\/\.[\w-]+|\.ssh\/|\.(?:bashrc|zshrc|bash_profile)\b/g,
  },
  {
    kind: "home-write",
    severity: "attention",
    label: "Writes under the home folder (os.homedir() with a file write)",
    regex: /\bhomedir\s*\(\s*\)/g,
    alongWith: /\b(?:writeFile|appendFile|createWriteStream|copyFile)(?:Sync)?\s*\(/,
  },
  {
    kind: "eval",
    severity: "notice",
    label: "eval( or new Function(",
    regex: /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(/g,
  },
  {
    kind: "child-process",
    severity: "notice",
    label: "child_process (runs programs)",
    regex: /["'`](?:node:)?child_process["'`]/g,
  },
  {
    kind: "network",
    severity: "notice",
    label: "Network calls (fetch, http.request, net, dgram, WebSocket)",
    regex:
      /(?<![\w$.])fetch\s*\(|\bhttps?\.(?:request|get)\s*\(|["'`](?:node:)?(?:net|dgram|tls|http2)["'`]|\bnew\s+WebSocket\s*\(|\bXMLHttpRequest\b/g,
  },
  {
    kind: "env-read",
    severity: "info",
    // NODE_ENV is read by nearly every package; it says nothing about secrets.
    label: "Reads of process.env",
    regex: /\bprocess\.env\b(?!\s*\.\s*NODE_ENV\b)(?!\s*\[\s*["'`]NODE_ENV["'`]\s*\])/g,
  },
];

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
