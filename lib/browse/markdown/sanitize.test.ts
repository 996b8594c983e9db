import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";

const base = { name: "pkg", version: "1.0.0", folder: "docs" };
const md = (source: string) => renderMarkdown(source, { base });

/** Every tag and attribute the renderer may emit; anything else in the output is a sanitizing failure. */
const ALLOWED_TAGS = new Set([
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "a", "img", "pre", "code", "blockquote", "b", "i",
  "u", "strong", "em", "tt", "ins", "del", "s", "strike", "sup", "sub", "kbd", "q", "samp", "var", "small", "mark", "abbr",
  "cite", "dfn", "wbr", "ruby", "rt", "rp", "ol", "ul", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody",
  "tfoot", "tr", "th", "td", "details", "summary", "figure", "figcaption", "section", "input",
]);
const ALLOWED_ATTRS = new Set([
  "id", "title", "lang", "dir", "align", "href", "rel", "src", "alt", "width", "height", "loading", "decoding",
  "referrerpolicy", "colspan", "rowspan", "start", "reversed", "value", "open", "type", "checked", "disabled", "class", "data-lang",
]);

function assertSafe(html: string) {
  for (const match of html.matchAll(/<\/?([a-zA-Z0-9-]+)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(match[1]!.toLowerCase()), `tag <${match[1]}>`).toBe(true);
    const attrs = (match[2] ?? "").replace(/="[^"]*"/g, "").replace(/\s*\/$/, "");
    expect(attrs, "attributes are quoted").not.toMatch(/[=<>"'`]/);
    for (const attr of attrs.matchAll(/\s([a-zA-Z-]+)/g)) {
      expect(ALLOWED_ATTRS.has(attr[1]!), `attribute ${attr[1]}`).toBe(true);
    }
    if (match[1] === "input") expect(match[2]).toMatch(/^ type="checkbox" disabled\b/);
  }
  for (const url of html.matchAll(/(?:href|src)="([^"]*)"/g)) {
    expect(url[1]).toMatch(/^(https?:\/\/[^/]|\/browse\/pkg\/1\.0\.0\/|\/raw\/pkg\/1\.0\.0\/|#md-)/);
  }
  for (const src of html.matchAll(/<img [^>]*src="([^"]*)"/g)) expect(src[1]).toMatch(/^(https:\/\/|\/raw\/)/);
}

describe("renderMarkdown: sanitizing", () => {
  it.each([
    ["script block", "<script>alert(1)</script>"],
    ["script inline", "text <script>alert(1)</script> text"],
    ["script, upper case", "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>"],
    ["script split by a tag", "<scr<script>ipt>alert(1)</script>"],
    ["img onerror", '<img src=x onerror="alert(1)">'],
    ["inline img onerror", 'a <img src=x onerror="alert(1)"> b'],
    ["img onerror, https", '<img src="https://img.example/a.png" onerror="alert(1)">'],
    ["img javascript src", '<img src="javascript:alert(1)" alt="x">'],
    ["img data src", '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">'],
    ["img srcset", '<img src="a.png" srcset="javascript:alert(1) 2x, //evil.example/x.png 3x">'],
    ["picture source srcset", '<picture><source srcset="javascript:alert(1)"><img src="a.png"></picture>'],
    ["a javascript", '<a href="javascript:alert(1)">x</a>'],
    ["a javascript, entity-encoded", '<a href="&#106;avascript:alert(1)">x</a>'],
    ["a javascript, padded", '<a href="  javascript:alert(1)">x</a>'],
    ["a data", '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ["a protocol-relative", '<a href="//evil.example/x">x</a>'],
    ["a climbing out", '<a href="../../../etc/passwd">x</a>'],
    ["a onclick", '<a href="https://ok.example" onclick="alert(1)">x</a>'],
    ["iframe", '<iframe src="javascript:alert(1)"></iframe>'],
    ["object and embed", '<object data="x.swf"></object><embed src="x.swf">'],
    ["base, meta and link", '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example"><link rel="stylesheet" href="https://evil.example/x.css">'],
    ["form", '<form action="https://evil.example"><input name="q"><button>go</button></form>'],
    ["input types", '<input type="text" value="x"><input type="hidden"><input type="checkbox" onclick="alert(1)">'],
    ["svg", "<svg><script>alert(1)</script></svg>"],
    ["svg onload", '<svg onload="alert(1)"><circle r="1"/></svg>'],
    ["math", "<math><mtext><script>alert(1)</script></mtext></math>"],
    ["style element", "<style>body{display:none}</style>"],
    ["style attribute", '<p style="position:fixed;inset:0">cover</p><div style="background:url(javascript:alert(1))">x</div>'],
    ["class of the page's own", '<div class="file-finder-backdrop">x</div>'],
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
    ["image data", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)"],
    ["image http", "![x](http://img.example/a.png)"],
    ["protocol-relative", "[x](//evil.example/x)"],
    ["protocol-relative image", "![x](//evil.example/x.png)"],
    ["relative climbing out", "[x](../../secret) ![y](../../../y.png)"],
    ["quote breakout in title", '[x](https://a.example "a\\" onmouseover=\\"alert(1)")'],
    ["quote breakout in URL", '[x](https://a.example/"onmouseover="alert(1))'],
    ["attribute breakout in raw HTML", '<a href="https://a.example/" title=\'x" onmouseover="alert(1)\'>x</a>'],
    ["heading with markup", "# <img src=x onerror=alert(1)>"],
    ["table cell", "| a |\n|---|\n| <script>alert(1)</script> |"],
    ["code fence language", "```\"><script>alert(1)</script>\nx\n```"],
    ["comment hiding a tag", "<!-- x --><script>alert(1)</script>"],
    ["unterminated comment", "<!-- <script>alert(1)</script>"],
    ["entity inside text", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["nested brackets", "[[x](javascript:alert(1))](https://ok.example)"],
    ["textarea swallowing", "<textarea><img src=x onerror=alert(1)></textarea>"],
    ["noscript", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"],
  ])("%s", async (_, source) => {
    const html = await md(source);
    assertSafe(html);
    expect(html).not.toMatch(/<(script|iframe|svg|math|style|object|embed|base|meta|link|form|button|textarea|picture|source)\b/i);
    // Quoted values are escaped text (a `"` in one is `&quot;`); what matters is outside them.
    expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[a-z][^>]*\s(on[a-z]+|style|srcset)=/i);
    expect(html).not.toMatch(/(href|src)="(javascript|data|vbscript):/i);
  });

  it("refused links leave their text, refused images their alt text", async () => {
    expect(await md("[click](javascript:alert(1)) and <a href=\"vbscript:x\">this</a>")).toBe("<p>click and this</p>");
    expect(await md('![alt](javascript:alert(1)) <img src="//evil.example/x.png" alt="raw alt">')).toBe(
      '<p><span class="md-image">alt</span> <span class="md-image">raw alt</span></p>',
    );
  });

  it("drops scripts and styles with their text, and HTML comments", async () => {
    expect(await md("a <script>alert(1)</script><style>p{}</style> b")).toBe("<p>a  b</p>");
    expect(await md("<!-- hidden -->\n\nvisible <!-- also hidden --> text")).toBe("<p>visible  text</p>");
  });

  it("external links get rel=nofollow, links into the package don't", async () => {
    const html = await md('<a href="https://ok.example" rel="opener" target="_blank">out</a> <a href="api.md" rel="opener">in</a>');
    expect(html).toBe('<p><a href="https://ok.example" rel="nofollow noopener noreferrer">out</a> <a href="/browse/pkg/1.0.0/docs/api.md">in</a></p>');
  });

  it("a refused link between others leaves their closing tags alone", async () => {
    const html = await md('<a href="javascript:x">a</a> <a href="#b">b</a> <img src="javascript:x"> <b>c</b>');
    expect(html).toBe('<p>a <a href="#md-b">b</a>  <b>c</b></p>');
  });
});
