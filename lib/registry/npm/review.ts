import type { CodePattern } from "../../review/code-patterns";
import type { EcosystemRules } from "../../review/rules";

/*
 * What the review (lib/review) looks for in npm packages: `Ecosystem.review`
 * of npmEcosystem.
 */

/** Code files of npm packages: JavaScript and TypeScript, not type declarations (they never run). */
export function isNpmCode(path: string): boolean {
  return /\.[cm]?[jt]sx?$/.test(path) && !/\.d\.[cm]?ts$/.test(path);
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

export const NPM_REVIEW: EcosystemRules = {
  isCode: isNpmCode,
  patterns: NPM_PATTERNS,
  manifestPath: "package.json",
  dependenciesFrom: "manifest",
  implicitInstallFiles: new Set(["binding.gyp"]),
  trustFields: true,
};
