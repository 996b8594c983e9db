import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";
import { MAX_IMAGE_SIZE } from "./sanitize";

const base = { name: "pkg", version: "1.0.0", folder: "" };
const md = (source: string, folder = "") => renderMarkdown(source, { base: { ...base, folder } });
const IMG = 'referrerpolicy="no-referrer" loading="lazy" decoding="async" />';
const REL = 'rel="nofollow noopener noreferrer"';

describe("renderMarkdown: CommonMark and GFM", () => {
  it("headings with ids, paragraphs, emphasis, strikethrough, inline code", async () => {
    const html = await md("# Getting Started\n\nSome *em*, **strong**, ***both***, ~~gone~~ and `a < b`.\n\nSetext\n---\n");
    expect(html).toBe(
      '<h1 id="md-getting-started">Getting Started</h1>\n' +
        "<p>Some <em>em</em>, <strong>strong</strong>, <em><strong>both</strong></em>, <s>gone</s> and <code>a &lt; b</code>.</p>\n" +
        '<h2 id="md-setext">Setext</h2>',
    );
  });

  it("keeps snake_case and ~ numbers readable", async () => {
    expect(await md("use some_long_name here")).toBe("<p>use some_long_name here</p>");
    expect(await md("~5 MB, ~3 ms")).toBe("<p>~5 MB, ~3 ms</p>");
  });

  it("dedupes heading ids GitHub's way, and in-page links reach them", async () => {
    const html = await md("## API\n\n## API\n\n## API\n\n[third](#API-2)");
    expect(html).toContain('<h2 id="md-api">API</h2>\n<h2 id="md-api-1">API</h2>\n<h2 id="md-api-2">API</h2>');
    expect(html).toContain('<a href="#md-api-2">third</a>');
  });

  it("lists: bullets, ordered with start, nested, tight and loose", async () => {
    const html = await md("- a\n- b\n  - nested\n\n3. three\n4. four\n\n* loose\n\n* list\n");
    expect(html).toContain("<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ul>");
    expect(html).toContain('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
    expect(html).toContain("<li>\n<p>loose</p>\n</li>");
  });

  it("task lists: disabled checkboxes, nothing else of a form", async () => {
    const html = await md("- [x] done\n- [ ] todo\n- not a task");
    expect(html).toContain('<ul class="contains-task-list">');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" disabled checked class="task-list-item-checkbox" /> done</li>');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" disabled class="task-list-item-checkbox" /> todo</li>');
    expect(html).toContain("<li>not a task</li>");
  });

  it("blockquotes, rules and tables with aligned cells in a scrolling box", async () => {
    const html = await md("> quoted\n> **text**\n\n---\n\n| a | b | c |\n|:--|--:|:-:|\n| `x\\|y` | 2 | ~~z~~ |\n");
    expect(html).toContain("<blockquote>\n<p>quoted\n<strong>text</strong></p>\n</blockquote>");
    expect(html).toContain("<hr />");
    expect(html).toContain('<div class="md-table"><table>');
    expect(html).toContain('<th align="left">a</th>\n<th align="right">b</th>\n<th align="center">c</th>');
    expect(html).toContain('<td align="left"><code>x|y</code></td>\n<td align="right">2</td>\n<td align="center"><s>z</s></td>');
    expect(html).not.toContain("style");
  });

  it("links: external, reference, autolink, bare URL, relative into the package, in-page", async () => {
    const html = await md(
      "[site](https://example.com/a_b \"T\") [ref][r] <https://example.org> see https://example.net/x. " +
        "[api](../lib/api.md#L3) [up](/README.md) [sec](#Usage-Notes) socket.io\n\n[r]: http://example.com/ref",
      "docs",
    );
    expect(html).toContain(`<a title="T" href="https://example.com/a_b" ${REL}>site</a>`);
    expect(html).toContain(`<a href="http://example.com/ref" ${REL}>ref</a>`);
    expect(html).toContain(`<a href="https://example.org" ${REL}>https://example.org</a>`);
    expect(html).toContain(`<a href="https://example.net/x" ${REL}>https://example.net/x</a>.`);
    expect(html).toContain('<a href="/browse/pkg/1.0.0/lib/api.md#L3">api</a>');
    expect(html).toContain('<a href="/browse/pkg/1.0.0/README.md">up</a>');
    expect(html).toContain('<a href="#md-usage-notes">sec</a>');
    expect(html).toContain(" socket.io</p>"); // only URLs written with their scheme become links
  });

  it("footnotes: references and back-references meet, in the page's md- namespace", async () => {
    const html = await md("Once[^n] and twice[^n], then[^b].\n\n[^n]: The note.\n[^b]: Another.");
    expect(html).toContain('<sup class="footnote-ref"><a id="md-fnref1" href="#md-fn1">[1]</a></sup>');
    expect(html).toContain('<sup class="footnote-ref"><a id="md-fnref1-1" href="#md-fn1">[1:1]</a></sup>');
    expect(html).toContain('<li id="md-fn1" class="footnote-item"><p>The note. <a class="footnote-backref" href="#md-fnref1">');
    expect(html).toContain('<a class="footnote-backref" href="#md-fnref1-1">');
    expect(html).toContain('<section class="footnotes">');
    expect(html).toContain('<li id="md-fn2" class="footnote-item"><p>Another.');
  });
});

describe("renderMarkdown: code", () => {
  it("fenced and indented code blocks, escaped", async () => {
    const html = await md("```js\nif (a < b) alert('<x>');\n```\n\n    indented <b>\n");
    expect(html).toContain('<pre class="md-code hl" data-lang="js"><code>if (a &lt; b) alert(&#39;&lt;x&gt;&#39;);</code></pre>');
    expect(html).toContain("<pre><code>indented &lt;b&gt;\n</code></pre>");
  });

  it("highlights fences through the callback, wherever they are", async () => {
    const seen: [string, string][] = [];
    const html = await renderMarkdown("```ts title=\"x\"\nconst a = 1;\nlet b;\n```\n\n> ```sh\n> npm i\n> ```\n\n- ```\n  plain\n  ```", {
      base,
      highlight: async (code, lang) => {
        seen.push([code, lang]);
        return code.split("\n").map((line) => `<span class="k">${line}</span>`);
      },
    });
    expect(seen).toEqual([["const a = 1;\nlet b;", "ts"], ["npm i", "sh"], ["plain", ""]]);
    expect(html).toContain('<pre class="md-code hl" data-lang="ts"><code><span class="k">const a = 1;</span>\n<span class="k">let b;</span></code></pre>');
    expect(html).toContain('<blockquote>\n<pre class="md-code hl" data-lang="sh"><code><span class="k">npm i</span></code></pre>');
    expect(html).toContain('<pre class="md-code hl"><code><span class="k">plain</span></code></pre>');
  });

  it("shows a fence plain (escaped) when the highlighter declines it", async () => {
    const html = await renderMarkdown("```text\n<b>&amp;</b>\n```", { base, highlight: async () => undefined });
    expect(html).toBe('<pre class="md-code hl" data-lang="text"><code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code></pre>');
  });

  it("a README can't forge a fence placeholder (NUL never survives parsing)", async () => {
    const html = await renderMarkdown("text \u00000\u0000 <b>\u00000\u0000</b>\n\n```\nsecret\n```", {
      base,
      highlight: async () => ["<span>FENCE</span>"],
    });
    expect(html.match(/FENCE/g)).toHaveLength(1);
    expect(html).toContain("<p>text \uFFFD0\uFFFD <b>\uFFFD0\uFFFD</b></p>");
  });
});

describe("renderMarkdown: READMEs as the registry and GitHub show them", () => {
  it("a centred top block with a logo from the package", async () => {
    const html = await md('<p align="center">\n  <img src="docs/logo.png" width="200" alt="Logo">\n</p>\n\n<h1 align="center">pkg</h1>');
    expect(html).toContain(`<p align="center">\n  <img src="/raw/pkg/1.0.0/docs/logo.png" alt="Logo" ${IMG.replace(" />", ' width="200" />')}\n</p>`);
    expect(html).toContain('<h1 align="center">pkg</h1>');
  });

  it("a badge row: https images inside links", async () => {
    const html = await md(
      '<div align="center">\n\n[![npm](https://img.shields.io/npm/v/x.svg)](https://example.com/x) [![ci](https://ci.example/b.svg "CI")](https://ci.example)\n\n</div>',
    );
    expect(html).toContain(
      `<div align="center">\n<p><a href="https://example.com/x" ${REL}><img src="https://img.shields.io/npm/v/x.svg" alt="npm" ${IMG}</a> ` +
        `<a href="https://ci.example" ${REL}><img src="https://ci.example/b.svg" alt="ci" ${IMG.replace(" />", ' title="CI" />')}</a></p>\n</div>`,
    );
  });

  it("images that can't be shown leave their alt text: http, package files that aren't pictures, refused URLs", async () => {
    const html = await md("![plain](http://img.example/b.png) ![doc](guide.pdf) ![bad](javascript:alert(1)) ![](http://img.example/no-alt.png)");
    expect(html).toBe('<p><span class="md-image">plain</span> <span class="md-image">doc</span> <span class="md-image">bad</span> </p>');
  });

  it("shows a package's SVG logo as a picture from /raw, asked for as an image", async () => {
    const html = await md('<h1 align="center"><img width="320" src="media/logo.svg" alt="Logo"></h1>');
    expect(html).toContain(`src="/raw/pkg/1.0.0/media/logo.svg?as=image" alt="Logo" ${IMG.replace(" />", ' width="320" />')}`);
  });

  it("caps image sizes and drops ones that aren't sizes", async () => {
    const html = await md('<img src="a.png" width="99999" height="50%"> <img src="b.png" width="120px" height="calc(1px)"> <img src="c.png" width="300%">');
    expect(html).toContain(`src="/raw/pkg/1.0.0/a.png" alt="" ${IMG.replace(" />", ` width="${MAX_IMAGE_SIZE}" height="50%" />`)}`);
    expect(html).toContain(`src="/raw/pkg/1.0.0/b.png" alt="" ${IMG.replace(" />", ' width="120" />')}`);
    expect(html).toContain(`src="/raw/pkg/1.0.0/c.png" alt="" ${IMG}`);
  });

  it("keeps harmless HTML: details, sup/sub, kbd, br, align; drops classes and ids of its own", async () => {
    const html = await md(
      '<details open class="file-finder-backdrop"><summary>More</summary>\n\nPress <kbd>t</kbd>, H<sub>2</sub>O, x<sup>2</sup><br>next\n\n</details>\n\n' +
        '<div align="RIGHT" id="Top Part">r</div>\n\n[top](#top-part) <a name="Old">old</a> [old](#Old)',
    );
    expect(html).toContain("<details open><summary>More</summary>\n<p>Press <kbd>t</kbd>, H<sub>2</sub>O, x<sup>2</sup><br />next</p>\n</details>");
    expect(html).toContain('<div align="right" id="md-top-part">r</div>');
    expect(html).toContain('<a href="#md-top-part">top</a> <a id="md-old">old</a> <a href="#md-old">old</a>');
  });

  it("picture elements show their fallback image", async () => {
    const html = await md('<picture>\n<source media="(prefers-color-scheme: dark)" srcset="dark.png">\n<img src="light.png" alt="logo">\n</picture>');
    expect(html).toBe(`<img src="/raw/pkg/1.0.0/light.png" alt="logo" ${IMG}`);
  });
});
