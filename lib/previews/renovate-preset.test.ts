import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_ECOSYSTEM, ecosystemById } from "../registry/ecosystems";
import { diffPath, parseDiffSegments } from "../routes/diff-path";

/**
 * The preset of the README's "Linking to pkgdiff" (renovate/pkgdiff.json),
 * filled in as Renovate fills its pull-request table's cells.
 */
const preset = JSON.parse(readFileSync("renovate/pkgdiff.json", "utf8")) as {
  prBodyColumns: string[];
  prBodyDefinitions: Record<string, string>;
};

/**
 * The Handlebars the preset uses, and nothing more: `{{#if (equals field 'text')}}…{{/if}}`
 * blocks (not nested) and `{{field}}` / `{{{field}}}`. Any other `{{` is an
 * error, so a template that grew past this subset fails here instead of
 * being half-filled.
 */
function fill(template: string, fields: Record<string, string>): string {
  const value = (name: string) => {
    if (!(name in fields)) throw new Error(`no field ${name}`);
    return fields[name]!;
  };
  const blocks = template.replace(/\{\{#if \(equals (\w+) '([^']*)'\)\}\}(.*?)\{\{\/if\}\}/g, (_, field: string, text: string, body: string) =>
    value(field) === text ? body : "",
  );
  const filled = blocks.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_, triple?: string, double?: string) => value((triple ?? double)!));
  if (filled.includes("{{")) throw new Error(`unsupported template syntax in ${JSON.stringify(template)}`);
  return filled;
}

const BASE = "https://diff.example.org";
const cell = (fields: Record<string, string>) => fill(preset.prBodyDefinitions.pkgdiff!, fields).replaceAll("PKGDIFF_URL", BASE);
const linkOf = (markdown: string) => /^\[diff\]\((.+)\)$/.exec(markdown)?.[1];

describe("the Renovate preset", () => {
  it("adds a pkgdiff column after Renovate's own", () => {
    expect(preset.prBodyColumns.at(-1)).toBe("pkgdiff");
    expect(preset.prBodyColumns).toContain("Change");
  });

  it("links an npm upgrade to its canonical diff page", () => {
    const link = linkOf(cell({ datasource: "npm", depName: "react", currentVersion: "18.2.0", newVersion: "18.3.1" }));
    expect(link).toBe(`${BASE}${diffPath("react", "18.2.0", "18.3.1")}`);
    expect(link).toBe("https://diff.example.org/diff/react/18.2.0..18.3.1");
    const segments = new URL(link!).pathname.split("/").slice(2);
    expect(parseDiffSegments(segments, DEFAULT_ECOSYSTEM)).toEqual({ kind: "range", name: "react", from: "18.2.0", to: "18.3.1", format: "html" });
  });

  it("links a scoped package and a Hex upgrade to theirs", () => {
    expect(linkOf(cell({ datasource: "npm", depName: "@babel/core", currentVersion: "7.24.0", newVersion: "7.25.2" }))).toBe(
      `${BASE}${diffPath("@babel/core", "7.24.0", "7.25.2")}`,
    );
    const hex = ecosystemById("hex");
    const link = linkOf(cell({ datasource: "hex", depName: "decimal", currentVersion: "2.0.0", newVersion: "2.1.1" }));
    expect(link).toBe(`${BASE}${diffPath("decimal", "2.0.0", "2.1.1", "html", hex.urlPrefix)}`);
    expect(link).toBe("https://diff.example.org/hex/diff/decimal/2.0.0..2.1.1");
  });

  it("leaves the cell empty for other datasources", () => {
    expect(cell({ datasource: "docker", depName: "node", currentVersion: "20", newVersion: "22" })).toBe("");
  });
});
