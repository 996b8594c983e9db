import type { LanguageRegistration } from "shiki";

/*
 * HEEx (Phoenix's HTML-aware templates, `.heex`), which shiki does not
 * bundle: HTML tags, components (`<.button>`, `<MyApp.card>`), slots
 * (`<:item>`), `{...}` Elixir in attributes and text, EEx tags
 * (`<%= ... %>`, `<% ... %>`) and both comment forms (`<%!-- --%>`,
 * `<%# %>`). Elixir inside is shiki's own grammar (`source.elixir`), the
 * rest of HTML (entities, `<!-- -->`, doctype) is `text.html.basic`.
 * Scopes follow the conventions of Phoenix's editor grammar
 * (https://github.com/phoenixframework/vscode-phoenix), so the theme
 * colours them like HTML and Elixir.
 */

const elixirInside = [{ include: "#braces" }, { include: "source.elixir" }];

export const heexGrammar: LanguageRegistration = {
  name: "heex",
  displayName: "HEEx",
  scopeName: "text.html.heex",
  fileTypes: ["heex"],
  embeddedLangs: ["elixir", "html"],
  patterns: [{ include: "#comment" }, { include: "#eex" }, { include: "#tag" }, { include: "#expression" }, { include: "text.html.basic" }],
  repository: {
    comment: {
      patterns: [
        { name: "comment.block.heex", begin: "<%!--", end: "--%>" },
        { name: "comment.block.heex", begin: "<%#", end: "%>" },
      ],
    },
    eex: {
      begin: "<%(?:=|%)?",
      end: "%>",
      beginCaptures: { 0: { name: "punctuation.section.embedded.begin.heex" } },
      endCaptures: { 0: { name: "punctuation.section.embedded.end.heex" } },
      contentName: "source.elixir.embedded.heex",
      patterns: [{ include: "source.elixir" }],
    },
    expression: {
      begin: "\\{",
      end: "\\}",
      beginCaptures: { 0: { name: "punctuation.section.embedded.begin.heex" } },
      endCaptures: { 0: { name: "punctuation.section.embedded.end.heex" } },
      contentName: "source.elixir.embedded.heex",
      patterns: elixirInside,
    },
    // Braces inside an expression (`{%{a: 1}}`) pair up, so the first `}` does not end it.
    braces: { begin: "\\{", end: "\\}", patterns: elixirInside },
    tag: {
      begin: "(</?)(\\.[A-Za-z_][\\w.]*|:[A-Za-z_]\\w*|[A-Za-z][\\w.:-]*)",
      end: "(/?>)",
      beginCaptures: {
        1: { name: "punctuation.definition.tag.begin.html" },
        2: { name: "entity.name.tag.heex" },
      },
      endCaptures: { 1: { name: "punctuation.definition.tag.end.html" } },
      name: "meta.tag.heex",
      patterns: [
        { include: "#expression" },
        { include: "#eex" },
        { name: "entity.other.attribute-name.html", match: "[:@]?[A-Za-z_][\\w:.-]*" },
        { name: "punctuation.separator.key-value.html", match: "=" },
        { name: "string.quoted.double.html", begin: '"', end: '"' },
        { name: "string.quoted.single.html", begin: "'", end: "'" },
      ],
    },
  },
};
