import { describe, expect, it } from "vitest";
import { highlightLines } from "./highlighter";
import { languageForPath } from "./language";

const unescape = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

/** The classed spans of one highlighted line, as [class, text] pairs. */
function spans(html: string): [string, string][] {
  return [...html.matchAll(/<span class="([^"]+)">([^<]*)<\/span>/g)].map((m) => [m[1] ?? "", unescape(m[2] ?? "")]);
}

const textOf = (html: string) => unescape(html.replace(/<[^>]+>/g, ""));

describe("Elixir, Erlang and HEEx", () => {
  it.each([
    ["lib/decimal.ex", "elixir"],
    ["mix.exs", "elixir"],
    ["mix.lock", "elixir"],
    ["src/telemetry.erl", "erlang"],
    ["include/telemetry.hrl", "erlang"],
    ["rebar.config", "erlang"],
    ["hex_metadata.config", "erlang"],
    ["lib/decimal_web/components/card.html.heex", "heex"],
  ])("%s → %s", (path, lang) => {
    expect(languageForPath(path)).toBe(lang);
  });

  it("highlights Elixir: keywords, modules, strings", async () => {
    const [line, doc] = await highlightLines(['defmodule Decimal do def name, do: "decimal" end', '  @doc "Adds two numbers."'], "elixir");
    const found = spans(line ?? "");
    expect(found).toContainEqual(["k", "defmodule"]);
    expect(found).toContainEqual(["f", "Decimal"]);
    expect(found).toContainEqual(["x", "\"decimal\""]);
    // Documentation reads as documentation, like a comment.
    expect(spans(doc ?? "")).toContainEqual(["m", '@doc "Adds two numbers."']);
  });

  it("highlights Erlang: attributes, atoms, functions", async () => {
    const lines = await highlightLines(["-module(telemetry).", "execute(Event) -> ok."], "erlang");
    expect(spans(lines[0] ?? "").some(([cls, text]) => cls === "k" && text.includes("module"))).toBe(true);
    expect(spans(lines[1] ?? "").some(([, text]) => text === "execute")).toBe(true);
  });

  it("highlights HEEx: tags, components, attributes, Elixir in braces and EEx, comments", async () => {
    const source = [
      "<%!-- a card --%>",
      '<.card class={@class} title="Total">',
      "  <:header>{@title}</:header>",
      "  <%= for item <- @items do %><li>{item.name}</li><% end %>",
      "</.card>",
    ];
    const lines = await highlightLines(source, "heex");
    expect(lines.map(textOf)).toEqual(source);
    expect(spans(lines[0] ?? "")).toContainEqual(["m", "<%!-- a card --%>"]);
    const card = spans(lines[1] ?? "");
    expect(card).toContainEqual(["x", ".card"]);
    expect(card).toContainEqual(["f", "class"]);
    expect(card.some(([cls, text]) => cls === "x" && text.includes("Total"))).toBe(true);
    // `{@class}` is Elixir, not an attribute's string.
    expect(card.some(([, text]) => text.includes("{@class}"))).toBe(false);
    expect(spans(lines[2] ?? "")).toContainEqual(["x", ":header"]);
    expect(spans(lines[3] ?? "").some(([cls, text]) => cls === "k" && text === "for")).toBe(true);
  });
});
