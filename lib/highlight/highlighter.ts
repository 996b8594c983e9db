import "server-only";
import { type BundledLanguage, bundledLanguages, createHighlighter, type Highlighter, type ThemedTokenWithVariants } from "shiki";
import { escapeHtml } from "../html/escape";
import { KNOWN_LANGUAGES } from "./language";
import { buildPalette, type Palette } from "./palette";

const LIGHT = "github-light";
const DARK = "github-dark";

/** Lines longer than this are not tokenized (shown plain): minified code would stall the grammar. */
export const MAX_TOKENIZED_LINE = 2_000;
/** Files bigger than this are shown plain rather than tokenized whole. */
export const MAX_HIGHLIGHT_BYTES = 1024 * 1024;

interface Engine {
  highlighter: Highlighter;
  palette: Palette;
  loaded: Set<string>;
}

let engine: Promise<Engine> | undefined;

/** One highlighter per process: creating one loads wasm and themes (~100 ms). */
function getEngine(): Promise<Engine> {
  engine ??= (async () => {
    const highlighter = await createHighlighter({ themes: [LIGHT, DARK], langs: [] });
    const palette = buildPalette(highlighter.getTheme(LIGHT), highlighter.getTheme(DARK));
    return { highlighter, palette, loaded: new Set<string>(["text"]) };
  })();
  return engine;
}

function isBundledLanguage(lang: string): lang is BundledLanguage {
  return KNOWN_LANGUAGES.includes(lang) && lang in bundledLanguages;
}

async function ensureLanguage(e: Engine, lang: string): Promise<BundledLanguage | "text"> {
  if (!isBundledLanguage(lang)) return "text";
  if (e.loaded.has(lang)) return lang;
  try {
    await e.highlighter.loadLanguage(lang);
    e.loaded.add(lang);
    return lang;
  } catch {
    return "text";
  }
}

/** The stylesheet for token classes, light and dark. */
export async function highlightCss(): Promise<string> {
  return (await getEngine()).palette.css;
}

/**
 * Highlights a whole file and returns one HTML string per line (escaped,
 * with class-coloured spans). Whole files, not hunks: a hunk out of context
 * is mis-tokenized (think of a line inside a block comment).
 */
export async function highlightLines(code: string, lang: string): Promise<string[]> {
  const lines = code.split("\n");
  if (lang === "text" || code.length > MAX_HIGHLIGHT_BYTES) return lines.map(escapeHtml);
  const e = await getEngine();
  const resolved = await ensureLanguage(e, lang);
  if (resolved === "text") return lines.map(escapeHtml);
  const tokens = e.highlighter.codeToTokensWithThemes(code, {
    lang: resolved,
    themes: { light: LIGHT, dark: DARK },
    tokenizeMaxLineLength: MAX_TOKENIZED_LINE,
    tokenizeTimeLimit: 200,
  });
  return tokens.map((line) => renderLine(line, e.palette));
}

function renderLine(line: ThemedTokenWithVariants[], palette: Palette): string {
  let html = "";
  for (const token of line) {
    const light = token.variants.light;
    const dark = token.variants.dark;
    const classes: string[] = [];
    const l = light?.color ? palette.light.get(light.color.toLowerCase()) : undefined;
    const d = dark?.color ? palette.dark.get(dark.color.toLowerCase()) : undefined;
    if (l) classes.push(l);
    if (d) classes.push(d);
    const fontStyle = light?.fontStyle ?? 0;
    if (fontStyle > 0) {
      if (fontStyle & 1) classes.push("fi");
      if (fontStyle & 2) classes.push("fb");
      if (fontStyle & 4) classes.push("fu");
    }
    const text = escapeHtml(token.content);
    html += classes.length ? `<span class="${classes.join(" ")}">${text}</span>` : text;
  }
  return html;
}
