import { escapeHtml } from "../../html/escape";
import { type MarkdownBase, safeUrl } from "./urls";

/** A link reference definition: `[label]: url "title"`. */
export interface LinkReference {
  url: string;
  title?: string;
}

export interface InlineContext {
  base: MarkdownBase;
  /** Keyed by normalised label (`normalizeLabel`). */
  references: Map<string, LinkReference>;
  /** Inside a link's text, where a second `<a>` must not open. */
  inLink?: boolean;
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const ENTITY = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;
const BARE_URL = /^https?:\/\/[^\s<>"'`]+/i;
const AUTOLINK = /^<(https?:\/\/[^\s<>]+)>/i;
const HTML_COMMENT = /^<!--[\s\S]*?-->/;
/**
 * How far ahead a closing bracket or emphasis run is looked for. Bounds the
 * work on hostile input (thousands of unmatched `*` or `[`) to linear time.
 */
const MAX_SCAN = 4_000;

/**
 * Inline Markdown to HTML: code spans, links and images (inline, reference
 * and autolinks, plus bare `http(s)://` URLs), `*em*`, `**strong**`,
 * `~~strike~~`, backslash escapes, hard line breaks and character
 * references. Safe by construction: every piece of source text goes
 * through `escapeHtml` (character references are passed on only when they
 * are well-formed, and in text they can't form markup); the only tags are
 * the ones written here; URLs pass `safeUrl`. Raw HTML in the source is
 * shown as text. A simplification of CommonMark, not a full
 * implementation: emphasis pairs the nearest matching closer.
 */
export function renderInline(text: string, ctx: InlineContext): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    const rest = text.slice(i);
    if (c === "\\") {
      const next = text[i + 1] ?? "";
      if (next === "\n") {
        out += "<br>\n";
        i += 2;
      } else if (PUNCTUATION.test(next)) {
        out += escapeHtml(next);
        i += 2;
      } else {
        out += "\\";
        i += 1;
      }
    } else if (c === "`") {
      const span = codeSpan(text, i);
      out += span.html;
      i = span.end;
    } else if (c === "!" && text[i + 1] === "[") {
      const link = parseLink(text, i + 1, ctx);
      if (link) {
        out += renderImage(link, ctx);
        i = link.end;
      } else {
        out += "!";
        i += 1;
      }
    } else if (c === "[") {
      const link = ctx.inLink ? undefined : parseLink(text, i, ctx);
      if (link) {
        out += renderLink(link, ctx);
        i = link.end;
      } else {
        out += "[";
        i += 1;
      }
    } else if (c === "<") {
      const comment = HTML_COMMENT.exec(rest);
      const auto = AUTOLINK.exec(rest);
      if (comment) {
        i += comment[0].length;
      } else if (auto?.[1] && !ctx.inLink && safeUrl(auto[1], ctx.base)) {
        out += anchor(auto[1], escapeHtml(auto[1]));
        i += auto[0].length;
      } else {
        out += "&lt;";
        i += 1;
      }
    } else if (c === "*" || c === "_" || c === "~") {
      const emphasis = parseEmphasis(text, i, ctx);
      out += emphasis.html;
      i = emphasis.end;
    } else if (c === "&") {
      const entity = ENTITY.exec(rest);
      out += entity ? entity[0] : "&amp;";
      i += entity ? entity[0].length : 1;
    } else if (c === "\n") {
      if (/ {2,}$/.test(out)) out = `${out.replace(/ +$/, "")}<br>`;
      out += "\n";
      i += 1;
    } else if ((c === "h" || c === "H") && !ctx.inLink && !/[\p{L}\p{N}]/u.test(text[i - 1] ?? "") && BARE_URL.test(rest)) {
      const url = trimUrl(BARE_URL.exec(rest)?.[0] ?? "");
      out += safeUrl(url, ctx.base) ? anchor(url, escapeHtml(url)) : escapeHtml(url);
      i += url.length;
    } else {
      // Copy a run of ordinary characters at once.
      const run = /^[^\\`![<*_~&\nhH]+/.exec(rest)?.[0] ?? c;
      out += escapeHtml(run);
      i += run.length;
    }
  }
  return out;
}

/** Plain text of inline Markdown, for `alt` attributes and heading ids. */
export function plainText(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*_~[\]]/g, "")
    .replace(/\\(.)/g, "$1");
}

export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

function anchor(url: string, innerHtml: string): string {
  return `<a href="${escapeHtml(url)}" rel="nofollow noopener noreferrer">${innerHtml}</a>`;
}

function codeSpan(text: string, at: number): { html: string; end: number } {
  const run = /^`+/.exec(text.slice(at))?.[0] ?? "`";
  let search = at + run.length;
  for (;;) {
    const close = text.indexOf(run, search);
    if (close === -1) return { html: escapeHtml(run), end: at + run.length };
    // The closing run must be exactly as long: not part of a longer run.
    if (text[close + run.length] === "`") {
      search = close + run.length + 1;
      while (text[search] === "`") search++;
      continue;
    }
    let code = text.slice(at + run.length, close).replace(/\n/g, " ");
    if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
    return { html: `<code>${escapeHtml(code)}</code>`, end: close + run.length };
  }
}

interface ParsedLink {
  text: string;
  url: string;
  title?: string;
  end: number;
}

/** `[text](url "title")`, `[text][ref]`, `[text][]` or `[ref]` starting at the `[`. */
function parseLink(text: string, open: number, ctx: InlineContext): ParsedLink | undefined {
  const close = matchingBracket(text, open);
  if (close === -1) return undefined;
  const label = text.slice(open + 1, close);
  const after = close + 1;
  if (text[after] === "(") {
    const dest = parseDestination(text, after + 1);
    if (dest) return { text: label, url: dest.url, title: dest.title, end: dest.end };
  }
  if (text[after] === "[") {
    const refClose = text.indexOf("]", after + 1);
    if (refClose !== -1) {
      const refLabel = text.slice(after + 1, refClose) || label;
      const ref = ctx.references.get(normalizeLabel(refLabel));
      if (ref) return { text: label, url: ref.url, title: ref.title, end: refClose + 1 };
    }
  }
  const ref = ctx.references.get(normalizeLabel(label));
  if (ref) return { text: label, url: ref.url, title: ref.title, end: after };
  return undefined;
}

function matchingBracket(text: string, open: number): number {
  let depth = 0;
  const stop = Math.min(text.length, open + MAX_SCAN);
  for (let j = open; j < stop; j++) {
    const c = text[j];
    if (c === "\\") j++;
    else if (c === "`") {
      // Brackets inside a code span don't count.
      const span = codeSpan(text, j);
      j = span.end - 1;
    } else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return j;
  }
  return -1;
}

function parseDestination(text: string, from: number): { url: string; title?: string; end: number } | undefined {
  let j = from;
  while (text[j] === " " || text[j] === "\n") j++;
  let url = "";
  if (text[j] === "<") {
    const close = text.indexOf(">", j);
    if (close === -1) return undefined;
    url = text.slice(j + 1, close);
    j = close + 1;
  } else {
    let depth = 0;
    const start = j;
    for (; j < text.length; j++) {
      const c = text[j] ?? "";
      if (c === "\\") j++;
      else if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0) break;
        depth--;
      } else if (/\s/.test(c)) break;
    }
    url = text.slice(start, j).replace(/\\([!-/:-@[-`{-~])/g, "$1");
  }
  while (text[j] === " " || text[j] === "\n") j++;
  let title: string | undefined;
  const quote = text[j];
  if (quote === '"' || quote === "'" || quote === "(") {
    const closer = quote === "(" ? ")" : quote;
    const close = text.indexOf(closer, j + 1);
    if (close === -1) return undefined;
    title = text.slice(j + 1, close);
    j = close + 1;
    while (text[j] === " " || text[j] === "\n") j++;
  }
  if (text[j] !== ")") return undefined;
  return { url, title, end: j + 1 };
}

function titleAttr(title: string | undefined): string {
  return title ? ` title="${escapeHtml(title)}"` : "";
}

function renderLink(link: ParsedLink, ctx: InlineContext): string {
  const inner = renderInline(link.text, { ...ctx, inLink: true });
  const url = safeUrl(link.url, ctx.base);
  if (!url) return inner;
  const rel = url.kind === "external" ? ' rel="nofollow noopener noreferrer"' : "";
  return `<a href="${escapeHtml(url.href)}"${rel}${titleAttr(link.title)}>${inner}</a>`;
}

/**
 * Images from the package itself (PNG, JPEG, GIF, WebP) are shown from the
 * raw endpoint; anything else, external images included, becomes a link
 * with the alt text: a README should not make the browser fetch from other
 * hosts, and SVG is never shown inline.
 */
function renderImage(link: ParsedLink, ctx: InlineContext): string {
  const alt = escapeHtml(plainText(link.text));
  const image = safeUrl(link.url, ctx.base, "image");
  if (image?.kind === "internal" && image.href.startsWith("/raw/")) {
    return `<img src="${escapeHtml(image.href)}" alt="${alt}"${titleAttr(link.title)} loading="lazy">`;
  }
  const label = alt || "image";
  if (ctx.inLink || !image) return `<span class="md-image">${label}</span>`;
  const rel = image.kind === "external" ? ' rel="nofollow noopener noreferrer"' : "";
  return `<a class="md-image" href="${escapeHtml(image.href)}"${rel}>${label}</a>`;
}

function parseEmphasis(text: string, at: number, ctx: InlineContext): { html: string; end: number } {
  const c = text[at] ?? "";
  const run = new RegExp(`^\\${c}+`).exec(text.slice(at))?.[0] ?? c;
  const literal = { html: escapeHtml(run), end: at + run.length };
  const before = text[at - 1] ?? " ";
  const after = text[at + run.length] ?? " ";
  // An opener is followed by non-space; `_` may not open inside a word (snake_case).
  if (/\s/.test(after)) return literal;
  if (c === "_" && /[\p{L}\p{N}]/u.test(before)) return literal;
  // Strikethrough takes exactly `~~` ("~5 MB" is not an opener); runs of 4+ `*` are literal.
  if (c === "~" ? run.length !== 2 : run.length > 3) return literal;
  const use = run.length;
  const closer = findCloser(text, at + use, c, use);
  if (closer === -1) return literal;
  const inner = renderInline(text.slice(at + use, closer), ctx);
  const tag = c === "~" ? ["<del>", "</del>"] : use === 1 ? ["<em>", "</em>"] : use === 2 ? ["<strong>", "</strong>"] : ["<em><strong>", "</strong></em>"];
  return { html: `${tag[0]}${inner}${tag[1]}`, end: closer + use };
}

/** Where a closing run of at least `use` × `c` starts (using its last `use` characters), or -1. */
function findCloser(text: string, from: number, c: string, use: number): number {
  const stop = Math.min(text.length, from + MAX_SCAN);
  for (let j = from; j < stop; j++) {
    const ch = text[j];
    if (ch === "\\") {
      j++;
      continue;
    }
    if (ch === "`") {
      j = codeSpan(text, j).end - 1;
      continue;
    }
    if (ch !== c) continue;
    let k = j;
    while (text[k] === c) k++;
    const length = k - j;
    const prev = text[j - 1] ?? " ";
    const next = text[k] ?? " ";
    const closes = length >= use && !/\s/.test(prev) && !(c === "_" && /[\p{L}\p{N}]/u.test(next));
    if (closes) return k - use;
    j = k - 1;
  }
  return -1;
}

/** Trailing punctuation after a bare URL belongs to the sentence (an unbalanced `)` too). */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last && ".,:;!?\"'*_~".includes(last)) end--;
    else if (last === ")" && count(url.slice(0, end), "(") < count(url.slice(0, end), ")")) end--;
    else break;
  }
  return url.slice(0, end);
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}
