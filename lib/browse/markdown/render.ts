import { escapeHtml } from "../../html/escape";
import { type Block, parseBlocks } from "./blocks";
import { type InlineContext, type LinkReference, plainText, renderInline } from "./inline";
import { headingId, type MarkdownBase } from "./urls";

export type { MarkdownBase } from "./urls";

export interface MarkdownOptions {
  base: MarkdownBase;
  /**
   * Highlights a fenced code block: one HTML line per source line (escaped
   * and with token spans only), or undefined to show it plain.
   */
  highlight?: (code: string, lang: string) => Promise<string[] | undefined>;
}

/**
 * Markdown to sanitized HTML. Nothing from the source reaches the output
 * unescaped: text is escaped, raw HTML is shown as text (comments are
 * dropped), links and images only keep `http(s)`, in-page and in-package
 * URLs (see `safeUrl`), heading ids are slugs. No HTML parser or sanitizer
 * is needed because no untrusted markup is ever produced.
 *
 * @example
 * await renderMarkdown("# Hi <script>x</script>", { base })
 * // → '<h1 id="md-hi-scriptxscript">Hi &lt;script&gt;x&lt;/script&gt;</h1>'
 */
export async function renderMarkdown(source: string, options: MarkdownOptions): Promise<string> {
  const references = new Map<string, LinkReference>();
  const blocks = parseBlocks(source, references);
  const highlighted = new Map<Block, string[]>();
  if (options.highlight) {
    for (const block of codeBlocks(blocks)) {
      const lines = await options.highlight(block.text, block.lang);
      if (lines) highlighted.set(block, lines);
    }
  }
  const ctx: InlineContext = { base: options.base, references };
  const ids = new Map<string, number>();
  return renderBlocks(blocks, { ctx, highlighted, ids, tight: false });
}

interface RenderState {
  ctx: InlineContext;
  highlighted: Map<Block, string[]>;
  /** Heading ids used so far, for GitHub's `-1`, `-2` suffixes. */
  ids: Map<string, number>;
  /** In a tight list item: paragraphs render without `<p>`. */
  tight: boolean;
}

function renderBlocks(blocks: readonly Block[], state: RenderState): string {
  return blocks.map((block) => renderBlock(block, state)).join("\n");
}

function renderBlock(block: Block, state: RenderState): string {
  const inline = (text: string) => renderInline(text, state.ctx);
  switch (block.type) {
    case "heading": {
      const id = uniqueId(headingId(plainText(block.text)), state.ids);
      return `<h${block.level} id="${escapeHtml(id)}">${inline(block.text)}</h${block.level}>`;
    }
    case "paragraph":
      return state.tight ? inline(block.text) : `<p>${inline(block.text)}</p>`;
    case "code": {
      const lines = state.highlighted.get(block);
      const body = lines ? lines.join("\n") : escapeHtml(block.text);
      const lang = block.lang ? ` data-lang="${escapeHtml(block.lang)}"` : "";
      return `<pre class="md-code hl"${lang}><code>${body}</code></pre>`;
    }
    case "html":
      return `<pre class="md-html"><code>${escapeHtml(block.text)}</code></pre>`;
    case "quote":
      return `<blockquote>\n${renderBlocks(block.children, { ...state, tight: false })}\n</blockquote>`;
    case "hr":
      return "<hr>";
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : "";
      const items = block.items.map((item) => {
        const box =
          item.checked === undefined ? "" : `<input type="checkbox" disabled${item.checked ? " checked" : ""}> `;
        const cls = item.checked === undefined ? "" : ' class="task"';
        return `<li${cls}>${box}${renderBlocks(item.children, { ...state, tight: block.tight })}</li>`;
      });
      return `<${tag}${start}>\n${items.join("\n")}\n</${tag}>`;
    }
    case "table": {
      const cell = (tag: "th" | "td", text: string, k: number) => {
        const align = block.align[k];
        return `<${tag}${align ? ` align="${align}"` : ""}>${inline(text)}</${tag}>`;
      };
      const head = `<tr>${block.header.map((h, k) => cell("th", h, k)).join("")}</tr>`;
      const rows = block.rows.map((row) => `<tr>${row.map((c, k) => cell("td", c, k)).join("")}</tr>`);
      return `<div class="md-table"><table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>`;
    }
  }
}

function uniqueId(id: string, ids: Map<string, number>): string {
  const seen = ids.get(id) ?? 0;
  ids.set(id, seen + 1);
  return seen === 0 ? id : `${id}-${seen}`;
}

function* codeBlocks(blocks: readonly Block[]): Generator<Extract<Block, { type: "code" }>> {
  for (const block of blocks) {
    if (block.type === "code") yield block;
    else if (block.type === "quote") yield* codeBlocks(block.children);
    else if (block.type === "list") for (const item of block.items) yield* codeBlocks(item.children);
  }
}
