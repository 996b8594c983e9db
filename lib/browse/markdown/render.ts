import { escapeHtml } from "../../html/escape";
import { createMarkdown, FENCE_PLACEHOLDER, fenceLanguage, numberFence } from "./parser";
import { sanitizeMarkdownHtml } from "./sanitize";
import type { MarkdownBase } from "./urls";

export type { MarkdownBase } from "./urls";

export interface MarkdownOptions {
  base: MarkdownBase;
  /**
   * Highlights a fenced code block: one HTML line per source line (escaped
   * and with token spans only), or undefined to show it plain.
   */
  highlight?: (code: string, lang: string) => Promise<string[] | undefined>;
}

const md = createMarkdown();

/**
 * Markdown (CommonMark + GFM, raw HTML included) to HTML that is safe to
 * put in the page, the way GitHub and the registry show a README: badges
 * and logos as images, `<p align="center">` blocks, tables, task lists,
 * footnotes. markdown-it renders, `sanitizeMarkdownHtml` keeps only
 * allowlisted markup and URLs that `safeUrl` accepts; highlighted code goes
 * in after sanitizing (the highlighter's output is escaped text in token
 * spans), so the sanitizer never has to allow its classes.
 *
 * @example
 * await renderMarkdown("# Hi <script>x</script>", { base })
 * // → '<h1 id="md-hi-x">Hi </h1>'
 */
export async function renderMarkdown(source: string, options: MarkdownOptions): Promise<string> {
  const env = {};
  const tokens = md.parse(source, env);
  // Highlighting is async and markdown-it's renderer is not: do the fences first.
  const bodies: string[] = [];
  for (const token of tokens) {
    if (token.type !== "fence") continue;
    const code = token.content.replace(/\n$/, "");
    const lines = options.highlight ? await options.highlight(code, fenceLanguage(md, token)) : undefined;
    numberFence(token, bodies.length);
    bodies.push(lines ? lines.join("\n") : escapeHtml(code));
  }
  const html = sanitizeMarkdownHtml(md.renderer.render(tokens, md.options, env), options.base);
  return html.replace(FENCE_PLACEHOLDER, (_, n: string) => bodies[Number(n)] ?? "").trim();
}
