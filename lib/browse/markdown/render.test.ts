import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";

const base = { name: "pkg", version: "1.0.0", folder: "" };
const md = (source: string, folder = "") => renderMarkdown(source, { base: { ...base, folder } });

/** Every tag the renderer may emit; anything else in the output would be a sanitizing failure. */
const ALLOWED_TAGS = new Set([
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "pre", "code", "blockquote", "hr", "ul", "ol", "li", "input", "div",
  "table", "thead", "tbody", "tr", "th", "td", "a", "img", "em", "strong", "del", "br", "span",
]);
const ALLOWED_ATTRS = new Set(["id", "href", "rel", "title", "src", "alt", "loading", "class", "start", "type", "disabled", "checked", "align", "data-lang"]);

function assertSafe(html: string) {
  for (const match of html.matchAll(/<\/?([a-zA-Z0-9-]+)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(match[1]!.toLowerCase()), `tag <${match[1]}>`).toBe(true);
    const attrs = (match[2] ?? "").replace(/="[^"]*"/g, "");
    expect(attrs, "attributes are quoted").not.toMatch(/[=<>"'`]/);
    for (const attr of attrs.matchAll(/\s([a-zA-Z-]+)/g)) {
      expect(ALLOWED_ATTRS.has(attr[1]!), `attribute ${attr[1]}`).toBe(true);
    }
  }
  for (const href of html.matchAll(/(?:href|src)="([^"]*)"/g)) {
    expect(href[1]).toMatch(/^(https?:\/\/|\/browse\/|\/raw\/|#md-)/);
  }
}

describe("renderMarkdown: what it renders", () => {
  it("headings with ids, paragraphs, emphasis, inline code", async () => {
    const html = await md("# Getting Started\n\nSome *em*, **strong**, ***both***, ~~gone~~ and `a < b`.\n\nSetext\n---\n");
    expect(html).toBe(
      '<h1 id="md-getting-started">Getting Started</h1>\n' +
        "<p>Some <em>em</em>, <strong>strong</strong>, <em><strong>both</strong></em>, <del>gone</del> and <code>a &lt; b</code>.</p>\n" +
        '<h2 id="md-setext">Setext</h2>',
    );
  });

  it("keeps snake_case and 2*3 arithmetic readable", async () => {
    expect(await md("use some_long_name here")).toBe("<p>use some_long_name here</p>");
    expect(await md("~5 MB, ~3 ms")).toBe("<p>~5 MB, ~3 ms</p>");
  });

  it("lists: bullets, ordered with start, nested, tasks, tight and loose", async () => {
    const html = await md("- a\n- b\n  - nested\n\n3. three\n4. four\n\n- [x] done\n- [ ] todo\n\n* loose\n\n* list\n");
    expect(html).toContain("<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>nested</li>\n</ul></li>\n</ul>");
    expect(html).toContain('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
    expect(html).toContain('<li class="task"><input type="checkbox" disabled checked> done</li>');
    expect(html).toContain('<li class="task"><input type="checkbox" disabled> todo</li>');
    expect(html).toContain("<li><p>loose</p></li>");
  });

  it("fenced and indented code blocks, escaped", async () => {
    const html = await md("```js\nif (a < b) alert('<x>');\n```\n\n    indented <b>\n");
    expect(html).toContain('<pre class="md-code hl" data-lang="js"><code>if (a &lt; b) alert(&#39;&lt;x&gt;&#39;);</code></pre>');
    expect(html).toContain("<code>indented &lt;b&gt;</code>");
  });

  it("highlights fenced code through the callback", async () => {
    const html = await renderMarkdown("```ts\nconst a = 1;\n```", {
      base,
      highlight: async (code, lang) => (lang === "ts" ? code.split("\n").map((l) => `<span class="k">${l}</span>`) : undefined),
    });
    expect(html).toContain('<code><span class="k">const a = 1;</span></code>');
  });

  it("blockquotes, rules and tables", async () => {
    const html = await md("> quoted\n> **text**\n\n---\n\n| a | b |\n|:--|--:|\n| `x\\|y` | 2 |\n");
    expect(html).toContain("<blockquote>\n<p>quoted\n<strong>text</strong></p>\n</blockquote>");
    expect(html).toContain("<hr>");
    expect(html).toContain('<th align="left">a</th><th align="right">b</th>');
    expect(html).toContain('<td align="left"><code>x|y</code></td>');
  });

  it("links: external, reference, autolink, bare URL, relative into the package, in-page", async () => {
    const html = await md(
      "[site](https://example.com/a_b \"T\") [ref][r] <https://example.org> see https://example.net/x. " +
        "[api](../lib/api.md#L3) [up](/README.md) [sec](#Usage-Notes)\n\n[r]: http://example.com/ref",
      "docs",
    );
    expect(html).toContain('<a href="https://example.com/a_b" rel="nofollow noopener noreferrer" title="T">site</a>');
    expect(html).toContain('<a href="http://example.com/ref" rel="nofollow noopener noreferrer">ref</a>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer">https://example.org</a>');
    expect(html).toContain('<a href="https://example.net/x" rel="nofollow noopener noreferrer">https://example.net/x</a>.');
    expect(html).toContain('<a href="/browse/pkg/1.0.0/lib/api.md#L3">api</a>');
    expect(html).toContain('<a href="/browse/pkg/1.0.0/README.md">up</a>');
    expect(html).toContain('<a href="#md-usage-notes">sec</a>');
  });

  it("images: package images from /raw, everything else as a link with its alt text", async () => {
    const html = await md("![logo](assets/logo.png) ![badge](https://img.example/b.svg) ![icon](icon.svg) [![ci](https://x.example/b.png)](https://ci.example)");
    expect(html).toContain('<img src="/raw/pkg/1.0.0/assets/logo.png" alt="logo" loading="lazy">');
    expect(html).toContain('<a class="md-image" href="https://img.example/b.svg" rel="nofollow noopener noreferrer">badge</a>');
    expect(html).toContain('<a class="md-image" href="/browse/pkg/1.0.0/icon.svg">icon</a>');
    expect(html).toContain('<a href="https://ci.example" rel="nofollow noopener noreferrer"><span class="md-image">ci</span></a>');
  });

  it("dedupes heading ids", async () => {
    expect(await md("## API\n\n## API")).toBe('<h2 id="md-api">API</h2>\n<h2 id="md-api-1">API</h2>');
  });
});

describe("renderMarkdown: sanitizing", () => {
  it.each([
    ["script block", "<script>alert(1)</script>"],
    ["script inline", "text <script>alert(1)</script> text"],
    ["img onerror", '<img src=x onerror="alert(1)">'],
    ["inline img onerror", 'a <img src=x onerror="alert(1)"> b'],
    ["iframe", '<iframe src="javascript:alert(1)"></iframe>'],
    ["svg", "<svg><script>alert(1)</script></svg>"],
    ["style", "<style>body{display:none}</style>"],
    ["javascript link", "[x](javascript:alert(1))"],
    ["JavaScript link, mixed case", "[x](JaVaScRiPt:alert(1))"],
    ["link with entity", "[x](&#106;avascript:alert(1))"],
    ["link with spaces", "[x]( javascript:alert(1) )"],
    ["link with tab", "[x](java\tscript:alert(1))"],
    ["link with newline", "[x](java\nscript:alert(1))"],
    ["data link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["vbscript", "[x](vbscript:msgbox(1))"],
    ["autolink javascript", "<javascript:alert(1)>"],
    ["reference javascript", "[x][a]\n\n[a]: javascript:alert(1)"],
    ["image javascript", "![x](javascript:alert(1))"],
    ["protocol-relative", "[x](//evil.example/x)"],
    ["quote breakout in title", '[x](https://a.example "a\\" onmouseover=\\"alert(1)")'],
    ["quote breakout in URL", '[x](https://a.example/"onmouseover="alert(1))'],
    ["heading with markup", "# <img src=x onerror=alert(1)>"],
    ["table cell", "| a |\n|---|\n| <script>alert(1)</script> |"],
    ["code fence language", "```\"><script>alert(1)</script>\nx\n```"],
    ["comment hiding a tag", "<!-- x --><script>alert(1)</script>"],
    ["entity inside text", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["nested brackets", "[[x](javascript:alert(1))](https://ok.example)"],
  ])("%s", async (_, source) => {
    const html = await md(source);
    assertSafe(html);
    expect(html).not.toMatch(/<script|<img[^>]*onerror|<iframe|<svg|<style|javascript:[^<"]*"|href="javascript/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  });

  it("shows raw HTML as text", async () => {
    expect(await md("<script>alert(1)</script>")).toBe('<pre class="md-html"><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>');
    expect(await md("hello <b>world</b>")).toBe("<p>hello &lt;b&gt;world&lt;/b&gt;</p>");
  });

  it("drops HTML comments", async () => {
    expect(await md("<!-- hidden -->\n\nvisible <!-- also hidden --> text")).toBe("<p>visible  text</p>");
  });

  it("renders a refused link as its text", async () => {
    expect(await md("[click](javascript:alert(1))")).toBe("<p>click</p>");
  });
});
