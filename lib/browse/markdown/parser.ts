import markdownIt, { type MarkdownIt, type Token } from "markdown-it";
import anchor from "markdown-it-anchor";
import footnote from "markdown-it-footnote";
import taskLists from "markdown-it-task-lists";
import { escapeHtml } from "../../html/escape";
import { headingId } from "./urls";

/** Numbers a fence token: its code goes where `fencePlaceholder(index)` is in the rendered HTML. */
export function numberFence(token: Token, index: number): void {
  token.meta = { ...token.meta, fence: index };
}

/**
 * Stands in for fence `n`'s code until the sanitized HTML is done. NUL can't
 * come from a README (markdown-it turns every NUL of its input into U+FFFD),
 * so no source text can forge one.
 */
export function fencePlaceholder(n: number): string {
  return `\u0000${n}\u0000`;
}
export const FENCE_PLACEHOLDER = /\u0000(\d+)\u0000/g;

/** A fence's language: the first word of its info string (```` ```js title="x" ````). */
export function fenceLanguage(md: MarkdownIt, token: Token): string {
  return md.utils.unescapeAll(token.info).trim().split(/\s+/)[0] ?? "";
}

/**
 * CommonMark + GFM (tables, strikethrough, autolinks, task lists,
 * footnotes) with raw HTML passed through: `lib/browse/markdown/sanitize.ts`
 * makes the output safe, and decides every URL through `safeUrl`. Heading
 * ids are `headingId` slugs with GitHub's `-1`, `-2` for repeats.
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: true, linkify: true });
  // Like the old renderer and GitHub: only URLs written with their scheme become links, not `socket.io`.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  // Every URL is judged once, by the sanitizer (safeUrl); markdown-it's own check would leave a
  // refused link as the literal `[text](url)` instead of its text.
  md.validateLink = () => true;
  md.use(footnote).use(taskLists).use(anchor, { slugify: headingId, tabIndex: false });

  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx];
    const index = token?.meta?.fence;
    if (!token || typeof index !== "number") return "";
    const lang = fenceLanguage(md, token);
    return `<pre class="md-code hl"${lang ? ` data-lang="${escapeHtml(lang)}"` : ""}><code>${fencePlaceholder(index)}</code></pre>\n`;
  };
  // Wide tables scroll inside their own box, not the page.
  md.renderer.rules.table_open = () => '<div class="md-table"><table>\n';
  md.renderer.rules.table_close = () => "</table></div>\n";
  // Cell alignment as `align`: the sanitizer allows no `style` attribute.
  md.core.ruler.push("table_align", (state) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const align = /^text-align:(left|right|center)$/.exec(String(token.attrGet("style") ?? ""))?.[1];
      token.attrs = align ? [["align", align]] : null;
    }
  });
  // The plugin names the second reference to a note `fnref1:1`; slugged, that would be `fnref11`, the
  // first reference to note 11. A `-` keeps them apart.
  md.renderer.rules.footnote_ref = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const id = self.rules.footnote_anchor_name?.(tokens, idx, options, env, self) ?? "";
    const caption = self.rules.footnote_caption?.(tokens, idx, options, env, self) ?? "";
    return `<sup class="footnote-ref"><a href="#fn${id}" id="fnref${id}${subId(token)}">${caption}</a></sup>`;
  };
  md.renderer.rules.footnote_anchor = (tokens, idx, options, env, self) => {
    const id = self.rules.footnote_anchor_name?.(tokens, idx, options, env, self) ?? "";
    return ` <a href="#fnref${id}${subId(tokens[idx])}" class="footnote-backref">\u21a9\uFE0E</a>`;
  };
  return md;
}

function subId(token: Token | undefined): string {
  const sub: unknown = token?.meta?.subId;
  return typeof sub === "number" && sub > 0 ? `-${sub}` : "";
}
