import {
  type BundledLanguage,
  bundledLanguages,
  createCssVariablesTheme,
  createHighlighter,
  type Highlighter,
  type LanguageRegistration,
  type ThemedToken,
} from "shiki";
import { escapeHtml } from "../html/escape";
import { heexGrammar } from "./heex-grammar";
import { KNOWN_LANGUAGES } from "./language";

/** Lines longer than this are not tokenized (shown plain): minified code would stall the grammar. */
export const MAX_TOKENIZED_LINE = 2_000;

/**
 * One tokenization pass, colours as CSS variables: the theme maps scopes to
 * `var(--hl-token-keyword)` and friends, which become classes (`t-keyword`)
 * that `app/globals.css` colours for light and dark. Dual-theme tokenizing
 * would run the grammar twice and put inline styles on every token.
 */
const THEME = createCssVariablesTheme({ name: "pkgdiff", variablePrefix: "--hl-", fontStyle: true });
const VAR_PREFIX = "var(--hl-";

let highlighter: Promise<Highlighter> | undefined;
const loaded = new Set<string>();

/** One highlighter per process: creating one loads wasm and the theme. */
function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: [THEME], langs: [] });
  return highlighter;
}

/** Grammars shiki does not bundle, by language id; their embedded languages are bundled ones. */
const OWN_GRAMMARS: Record<string, LanguageRegistration> = { heex: heexGrammar };

function isBundledLanguage(lang: string): lang is BundledLanguage {
  return KNOWN_LANGUAGES.includes(lang) && lang in bundledLanguages;
}

async function ready(lang: string): Promise<Highlighter | undefined> {
  const own = KNOWN_LANGUAGES.includes(lang) ? OWN_GRAMMARS[lang] : undefined;
  if (!own && !isBundledLanguage(lang)) return undefined;
  const h = await getHighlighter();
  if (!loaded.has(lang)) {
    try {
      if (own) {
        await h.loadLanguage(...(own.embeddedLangs ?? []).filter(isBundledEmbedded));
        await h.loadLanguage(own);
      } else if (isBundledLanguage(lang)) {
        await h.loadLanguage(lang);
      }
    } catch {
      return undefined;
    }
    loaded.add(lang);
  }
  return h;
}

function isBundledEmbedded(lang: string): lang is BundledLanguage {
  return lang in bundledLanguages;
}

/**
 * Highlights `lines` (one source line each) and returns one HTML string per
 * line: escaped text in `<span class="t-...">`. Text in an unknown language
 * comes back escaped only.
 */
export async function highlightLines(lines: readonly string[], lang: string): Promise<string[]> {
  const h = lang === "text" ? undefined : await ready(lang);
  if (!h) return lines.map(escapeHtml);
  const tokens = h.codeToTokensBase(lines.join("\n"), {
    lang: lang as BundledLanguage,
    theme: THEME,
    tokenizeMaxLineLength: MAX_TOKENIZED_LINE,
    // No per-line time limit: it made output depend on machine load. Runaway work is
    // bounded by MAX_TOKENIZED_LINE and, in the worker pool, by the task deadline.
    tokenizeTimeLimit: 0,
  });
  return tokens.map(renderLine);
}

/** One-letter classes: every highlighted token carries one, so bytes add up (see app/globals.css). */
const TOKEN_CLASS: Record<string, string> = {
  constant: "c",
  string: "s",
  comment: "m",
  keyword: "k",
  parameter: "p",
  function: "f",
  "string-expression": "x",
  punctuation: "u",
  link: "l",
};

function renderLine(line: ThemedToken[]): string {
  let html = "";
  for (const token of line) {
    const text = escapeHtml(token.content);
    const cls = tokenClass(token);
    html += cls ? `<span class="${cls}">${text}</span>` : text;
  }
  return html;
}

function tokenClass(token: ThemedToken): string {
  const colour = token.color ?? "";
  let cls = "";
  if (colour.startsWith(VAR_PREFIX)) {
    const name = colour.slice(VAR_PREFIX.length, -1).replace(/^token-/, "");
    cls = TOKEN_CLASS[name] ?? "";
  }
  const style = token.fontStyle ?? 0;
  if (style > 0) {
    if (style & 1) cls += " i";
    if (style & 2) cls += " b";
  }
  return cls.trim();
}
