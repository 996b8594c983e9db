/**
 * Shiki language id for a file path, or "text" when none fits. Kept to a
 * small explicit table: loading a grammar costs time and memory, and the
 * files of npm packages are mostly a handful of kinds.
 *
 * @example
 * languageForPath("lib/index.d.ts") // → "typescript"
 * languageForPath("README.md") // → "markdown"
 * languageForPath("LICENSE") // → "text"
 */
export function languageForPath(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const byName = BY_NAME[base];
  if (byName) return byName;
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return "text";
  return BY_EXTENSION[base.slice(dot + 1)] ?? "text";
}

const BY_NAME: Record<string, string> = {
  "package.json": "json",
  ".npmignore": "shellscript",
  ".gitignore": "shellscript",
  dockerfile: "docker",
  makefile: "make",
  "mix.lock": "elixir",
  // Erlang terms: what Hex packages carry as metadata.config (pkgdiff shows it under this name, as hex_core unpacks it).
  "hex_metadata.config": "erlang",
  "rebar.config": "erlang",
  "rebar.lock": "erlang",
};

const BY_EXTENSION: Record<string, string> = {
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "jsx",
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  json: "json",
  jsonc: "jsonc",
  json5: "json5",
  md: "markdown",
  markdown: "markdown",
  css: "css",
  scss: "scss",
  less: "less",
  html: "html",
  htm: "html",
  vue: "vue",
  svelte: "svelte",
  yml: "yaml",
  yaml: "yaml",
  sh: "shellscript",
  bash: "shellscript",
  py: "python",
  rs: "rust",
  go: "go",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  hpp: "cpp",
  ex: "elixir",
  exs: "elixir",
  erl: "erlang",
  hrl: "erlang",
  heex: "heex",
  toml: "toml",
  xml: "xml",
  svg: "xml",
  graphql: "graphql",
  gql: "graphql",
  flow: "javascript",
  coffee: "coffee",
};

/** Every language the table can return, for preloading grammars. */
export const KNOWN_LANGUAGES: readonly string[] = [...new Set([...Object.values(BY_NAME), ...Object.values(BY_EXTENSION)])];
